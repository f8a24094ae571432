"""Voice alienation for exported audio: the words stay, the voice changes.

Methods, each a function of (audio, parameters) returning audio at the
input's length and rate: McAdams-coefficient LPC pole warping (``mcadams``),
Praat pitch + formant shifting (``pitch_formant``), normalisation of
every speaker towards one target voice plus a frequency shift
(``normalise``, ``frequency_shift``), and the default, normalisation
followed by a secret per-speaker offset and EQ colouring
(``normalise_random``, ``random_eq``), and a WORLD-vocoder conversion to
the common voice with a re-drawn pitch contour and a warped, re-levelled
spectral envelope (``world``, ``world_voice``), and the mel-cepstral and
pitch statistics of a secret TTS voice given to each speaker
(``cepstral_vc``, ``cepstral_voice``, ``target_voices``). ``options`` maps a
strength to per-speaker parameters drawn from a per-note secret, and
``apply`` alienates a whole recording speaker by speaker.
"""
