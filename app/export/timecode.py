"""Time formatting shared by the exports."""


def clock(seconds: float) -> str:
    """Returns ``seconds`` as H:MM:SS (for reading, not for subtitles)."""
    total = int(max(0.0, seconds))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def subtitle_time(seconds: float, separator: str) -> str:
    """Returns ``seconds`` as HH:MM:SS<separator>mmm (SRT uses ",", WebVTT ".")."""
    millis = int(round(max(0.0, seconds) * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"
