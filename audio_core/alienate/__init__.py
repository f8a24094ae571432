"""Voice alienation for exported audio: the words stay, the voice changes.

Two methods, each a function of (audio, parameters) returning audio at the
input's length and rate: McAdams-coefficient LPC pole warping (``mcadams``)
and Praat pitch + formant shifting (``pitch_formant``). ``options`` maps a
strength to per-speaker parameters drawn from a per-note secret, and
``apply`` alienates a whole recording speaker by speaker.
"""
