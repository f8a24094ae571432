"""The encrypted notebook: every note (transcript, speakers, redactions, audio) in one SQLCipher database.

Typical use::

    from app.storage import open_notebook
    with open_notebook() as notebook:          # HUSHNOTE_PASSPHRASE or a prompt
        note_id = notebook.save_transcript(transcript, tags=["weekly"])
        transcript = notebook.load_transcript(note_id)
        for summary in notebook.list_notes(): ...

Each Notebook method is one transaction. Storage code that must change several
records at once opens ``notebook.transaction()`` and calls the record modules
with its connection: ``notes``, ``audio_store``, ``profiles`` (voice profiles),
``audit_log`` and ``settings``. Nothing outside ``app.storage`` writes SQL;
redaction is ``app.privacy``'s (retention takes it as a function).
"""
from app.storage.access import (
    change_passphrase,
    default_notebook_path,
    describe_notebook,
    init_notebook,
    key_file_path,
    open_notebook,
)
from app.storage.errors import (CorruptNotebookError, NotebookError, NotebookWriteError, NoteNotFoundError,
                                WrongPassphraseError)
from app.storage.keys import KdfOptions
from app.storage.notebook import Notebook, NoteSummary
from app.storage.audit_log import AuditEntry
from app.storage.profiles import StoredVoiceProfile
from app.storage.search import SearchHit

__all__ = [
    "AuditEntry", "CorruptNotebookError", "KdfOptions", "NotebookWriteError", "NoteNotFoundError", "NoteSummary", "Notebook",
    "NotebookError", "SearchHit", "StoredVoiceProfile", "WrongPassphraseError", "change_passphrase",
    "default_notebook_path", "describe_notebook", "init_notebook", "key_file_path", "open_notebook",
]
