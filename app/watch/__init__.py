"""A watch folder: new audio and video files in a folder are imported one at a time, each only once."""
from app.watch.folder import MEDIA_SUFFIXES, FolderScan, file_digest, read_digest
from app.watch.ledger import ImportLedger
from app.watch.loop import WatchOptions, WatchSummary, watch_folder
from app.watch.setting import WatchSetting, get_watch_setting, set_watch_setting
from app.watch.shred import overwrite_and_unlink

__all__ = ["MEDIA_SUFFIXES", "FolderScan", "ImportLedger", "WatchOptions", "WatchSetting", "WatchSummary", "file_digest",
           "get_watch_setting", "overwrite_and_unlink", "read_digest", "set_watch_setting", "watch_folder"]
