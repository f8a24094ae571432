# webrtcvad (needed by resemblyzer) is installed from the "webrtcvad-wheels"
# distribution; the contributed hook asks for "webrtcvad" metadata, which does
# not exist, and aborts the build.
from PyInstaller.utils.hooks import copy_metadata

datas = copy_metadata("webrtcvad-wheels")
