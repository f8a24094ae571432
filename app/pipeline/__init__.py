"""The one pipeline the CLI and the desktop app call: files, recordings, recovery and exports.

Every path from audio to a stored note runs the same recipe
(:mod:`app.pipeline.stages`): one pass over the decoded audio feeds storage,
recognition and the speaker stage, then speakers are found and named, then
personal data; the note is saved crash-safely (:mod:`app.storage.importing`).
"""
from app.export_job import AUDIO_MODES, ExportRequest, ExportResult, export_note
from app.pipeline.files import import_file, transcribe_file
from app.pipeline.options import PipelineOptions
from app.pipeline.recordings import finish_recording, recover_recordings, transcribe_recording
from app.pipeline.stages import SourceInfo, find_personal_data, transcribe_stream

__all__ = [
    "AUDIO_MODES", "ExportRequest", "ExportResult", "PipelineOptions", "SourceInfo", "export_note", "find_personal_data",
    "finish_recording", "import_file", "recover_recordings", "transcribe_file", "transcribe_recording", "transcribe_stream",
]
