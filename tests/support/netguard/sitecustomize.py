"""Put this folder first on PYTHONPATH to forbid network use in a child process.

Any attempt to connect or send over an internet socket raises and is recorded
in the file named by HUSHNOTE_NETGUARD_LOG, so a test can assert none happened.
HUSHNOTE_NETGUARD_ALLOW names "host:port" addresses a test serves itself (a
local hub on 127.0.0.1), comma-separated; connections to them pass unrecorded.
"""
import os
import socket

_LOG = os.environ.get("HUSHNOTE_NETGUARD_LOG")
_ALLOWED = {a.strip() for a in os.environ.get("HUSHNOTE_NETGUARD_ALLOW", "").split(",") if a.strip()}
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto


def _record(address):
    if _LOG:
        with open(_LOG, "a") as handle:
            handle.write(f"{address!r}\n")


def _guard(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        if isinstance(address, tuple) and f"{address[0]}:{address[1]}" in _ALLOWED:
            return
        _record(address)
        raise OSError(101, "network use forbidden by the Hushnote test guard")


def connect(self, address):
    _guard(self, address)
    return _real_connect(self, address)


def connect_ex(self, address):
    _guard(self, address)
    return _real_connect_ex(self, address)


def sendto(self, data, *args):
    _guard(self, args[-1])
    return _real_sendto(self, data, *args)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
_real_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if host not in (None, "localhost", "127.0.0.1", "::1", ""):
        _record(host)
        raise socket.gaierror(-2, "name resolution forbidden by the Hushnote test guard")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = getaddrinfo
