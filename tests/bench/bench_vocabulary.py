"""Custom vocabulary: WER on the listed names and terms and on the rest, with and without the list.

Synthetic meetings with unusual names and made-up product words, spoken offline
(piper's joe voice, flite's slt and rms, espeak-ng), transcribed by tiny.en through
the pipeline's decoding options. Two splits with different names: the *dev*
meetings chose how the list is given to Whisper (``hotwords``, ``initial_prompt``,
both; a plain list or "Attendees: … Topics: …"); the *report* meetings are only
reported. The shipped method (``app.vocabulary.selective``: decode without a hint,
re-decode with one only the segments that sound like an entry) runs beside the
hint everywhere ("hotwords-styled", shipped before it), the other forms and
"no list" in the same run. Then real speech with a list of
words it never says (the LibriVox clips, the real phone call) checks what a
list does elsewhere, and the live passes' cost of the hint is timed (it decided
that live passes get no hint).

    python tests/bench/bench_vocabulary.py [--split dev|report|both] [--methods none,before,shipped,...] [--long-list]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.common import stm_text, testdata_root, write_results  # noqa: E402

# (names, terms, turns as (voice, text)); report meetings share no name or term with dev ones.
DEV = [
    (["Siobhan Nakagawa", "Oluwaseun Adeyemi"], ["Zephyrix"], [
        ("joe", "Good morning everyone, Siobhan Nakagawa here, thanks for joining."),
        ("slt", "Thanks Siobhan. Oluwaseun Adeyemi will present the Zephyrix numbers today."),
        ("rms", "The Zephyrix rollout reached four regions last week."),
        ("joe", "Oluwaseun, can you send me the slides after the call?"),
        ("slt", "Sure, and Siobhan, the Zephyrix budget is still open.")]),
    (["Xochitl Przybylski", "Tadhg Ferreira"], ["Quorbit"], [
        ("rms", "Xochitl Przybylski joined the team on Monday."),
        ("joe", "Welcome Xochitl. Tadhg Ferreira will show you the Quorbit dashboard."),
        ("espeak", "Quorbit keeps every invoice in one place."),
        ("rms", "Tadhg, please book a room for Thursday."),
        ("joe", "Przybylski is spelled with a z and a y, by the way.")]),
    (["Aoife Thibodeaux", "Ngozi Dziedzic"], ["Nimbulon", "Kubeflow"], [
        ("slt", "Aoife Thibodeaux is leading the Nimbulon migration."),
        ("rms", "Ngozi Dziedzic asked whether Nimbulon supports offline mode."),
        ("joe", "Aoife thinks the Kubeflow pipelines will be ready in March."),
        ("espeak", "Ngozi, let us review the open questions tomorrow morning.")]),
    (["Saoirse Wojcik", "Bartholomew Okonkwo"], ["Vexillo"], [
        ("joe", "Saoirse Wojcik and Bartholomew Okonkwo met the client yesterday."),
        ("slt", "The client wants Vexillo in their own data centre."),
        ("rms", "Bartholomew, what did they say about the price?"),
        ("joe", "They liked it, Saoirse, but Vexillo needs a cheaper licence for schools.")]),
    (["Dmitri Vaskevich", "Annelise Oyelowo"], ["Plexora"], [
        ("espeak", "Dmitri Vaskevich will demo Plexora to the board."),
        ("joe", "Annelise Oyelowo wrote the Plexora user guide."),
        ("slt", "Dmitri, the board meets on the fifth of May."),
        ("rms", "Thanks Annelise, the guide reads very well.")]),
    (["Mairead Tshabalala", "Joaquim Ferencz"], ["Trellisoft", "Datadog"], [
        ("slt", "Mairead Tshabalala moved the Trellisoft servers to Datadog monitoring."),
        ("rms", "Joaquim Ferencz asked if Trellisoft can alert by text message."),
        ("joe", "Mairead says yes, from next week."),
        ("espeak", "Joaquim will test it with the night shift.")]),
    (["Ignatius Ravensworth", "Sunniva Haugland"], ["Cobaltix"], [
        ("rms", "Ignatius Ravensworth has questions about the Cobaltix invoice."),
        ("joe", "Sunniva Haugland checked it twice and found no mistakes."),
        ("slt", "Cobaltix charged us for twelve seats, not ten."),
        ("rms", "Then, Sunniva, please write to Ignatius today.")]),
    (["Kwabena Asante", "Grainne Lefebvre"], ["Helioscope"], [
        ("joe", "Kwabena Asante here, let us start with Helioscope."),
        ("espeak", "Grainne Lefebvre finished the Helioscope security review."),
        ("slt", "Kwabena, two findings are still open."),
        ("joe", "Thank you Grainne, we will fix both before launch.")]),
]
REPORT = [
    (["Niamh Szczepanski", "Chidubem Oyelaran"], ["Glimmerdyne"], [
        ("slt", "Hello, this is Niamh Szczepanski from the design team."),
        ("joe", "Hi Niamh, Chidubem Oyelaran here. Did you see the Glimmerdyne mock-ups?"),
        ("rms", "Yes, Glimmerdyne looks much cleaner now."),
        ("slt", "Chidubem, can we ship it before the holidays?")]),
    (["Caoimhe Vasquez", "Zbigniew Halloran"], ["Kryptaris"], [
        ("joe", "Caoimhe Vasquez will take over the Kryptaris account."),
        ("espeak", "Zbigniew Halloran moves to the London office in June."),
        ("slt", "Kryptaris renewed their contract for two more years."),
        ("rms", "Thank you Zbigniew, and good luck Caoimhe.")]),
    (["Yevgenia Kuznetsova", "Ptolemy Achterberg"], ["Vextora", "Snowpark"], [
        ("rms", "Yevgenia Kuznetsova is presenting the Vextora results."),
        ("joe", "Ptolemy Achterberg built the Snowpark import last week."),
        ("slt", "Vextora now answers in under a second."),
        ("espeak", "Great work Ptolemy, and thank you Yevgenia.")]),
    (["Eoghan Mbeki", "Ximena Quispe"], ["Orbitrak"], [
        ("joe", "Eoghan Mbeki opened the meeting at nine."),
        ("slt", "Ximena Quispe reported that Orbitrak lost two customers."),
        ("rms", "Eoghan asked Ximena to call both of them this week."),
        ("joe", "Orbitrak support will also get a new phone line.")]),
    (["Radoslaw Nwachukwu", "Esmeralda Fairweather"], ["Quantelle"], [
        ("espeak", "Radoslaw Nwachukwu joined from the Warsaw office."),
        ("slt", "Esmeralda Fairweather showed the Quantelle roadmap."),
        ("joe", "Radoslaw wants Quantelle in Polish by autumn."),
        ("rms", "Esmeralda agreed to hire two translators.")]),
    (["Tenzin Abernathy", "Ilse Marchetti"], ["Brightwave", "Jira"], [
        ("rms", "Tenzin Abernathy closed forty Jira tickets this sprint."),
        ("joe", "Ilse Marchetti says Brightwave is finally stable."),
        ("slt", "Tenzin, can Brightwave go live on Friday?"),
        ("espeak", "Yes Ilse, if the backups pass tonight.")]),
]
# Real speech that says none of these words, transcribed with and without the dev list.
UNRELATED = ["real/librivox_sas-0870.wav", "real/librivox_sas-0880.wav", "real/librivox_sas-0890.wav",
             "real/librivox_sas-0920.wav", "real/librivox_sas-0930.wav", "real/pyannote_sample.wav"]


def _plain(names, terms) -> str:
    return ", ".join([*names, *terms])


def _styled(names, terms) -> str:
    return f"Attendees: {', '.join(names)}. Topics: {', '.join(terms)}."


# method -> (hotwords text or None, initial prompt text or None) from (names, terms); "shipped" is the app's own
# (app.vocabulary.selective); "hotwords-styled" was shipped before it (the hint before every window).
METHODS = {
    "none": lambda n, t: (None, None),
    "hotwords": lambda n, t: (_plain(n, t), None),
    "prompt": lambda n, t: (None, _plain(n, t)),
    "both": lambda n, t: (_plain(n, t), _plain(n, t)),
    "hotwords-styled": lambda n, t: (_styled(n, t), None),
    "prompt-styled": lambda n, t: (None, _styled(n, t)),
}


def asr_for(method: str, names, terms):
    """Returns the AsrOptions a one-hint method decodes with (the pipeline's defaults plus its hint)."""
    from app.pipeline import PipelineOptions

    hotwords, prompt = METHODS[method](names, terms)
    return replace(PipelineOptions().asr, hotwords=hotwords, initial_prompt=prompt)


def split_errors(reference: str, hypothesis: str, listed_words: set[str]) -> dict:
    """Returns errors and word counts on the reference words that belong to the list and on the rest.

    Substitutions and deletions count against the reference word they hit; insertions count against the rest.
    """
    import jiwer

    from app.wer import normalize

    ref = normalize(reference)
    hyp = normalize(hypothesis) or ["<empty>"]
    listed = [token in listed_words for token in ref]
    counts = {"listed_errors": 0, "listed_words": sum(listed), "rest_errors": 0, "rest_words": len(ref) - sum(listed)}
    for chunk in jiwer.process_words(" ".join(ref), " ".join(hyp)).alignments[0]:
        if chunk.type in ("substitute", "delete"):
            for index in range(chunk.ref_start_idx, chunk.ref_end_idx):
                counts["listed_errors" if listed[index] else "rest_errors"] += 1
        elif chunk.type == "insert":
            counts["rest_errors"] += chunk.hyp_end_idx - chunk.hyp_start_idx
    return counts


def spoken_meetings(meetings):
    """Returns (names, terms, reference text, audio) per meeting, speaking each once."""
    from tests.support.speech import speak_turns

    return [(names, terms, " ".join(text for _, text in turns), speak_turns(turns)) for names, terms, turns in meetings]


def transcribe(recognizer, audio, asr) -> str:
    from audio_core.transcribe import transcribe_array

    return " ".join(segment.text for segment in transcribe_array(recognizer, audio, asr))


def heard(recognizer, audio, method: str, names, terms) -> str:
    """Returns what ``method`` transcribes: "shipped" (the pipeline's own) decodes plainly and re-decodes with a hint
    only the segments that sound like an entry; "before" is what shipped before it (the hint before every window,
    cut at 450 characters); the others decode with one set of options."""
    from app.pipeline import PipelineOptions
    from app.vocabulary import Vocabulary, VocabularyEntry, asr_with_vocabulary
    from app.vocabulary.selective import transcribe_with_vocabulary

    vocabulary = Vocabulary(tuple([VocabularyEntry(n, "name") for n in names] + [VocabularyEntry(t, "term") for t in terms]))
    if method == "before":
        return transcribe(recognizer, audio, asr_with_vocabulary(PipelineOptions().asr, vocabulary))
    if method != "shipped":
        return transcribe(recognizer, audio, asr_for(method, names, terms))
    segments = transcribe_with_vocabulary(recognizer, audio, PipelineOptions().asr, vocabulary)
    return " ".join(segment.text for segment in segments)


def score_split(recognizer, spoken, methods, crowd: list | None = None) -> dict:
    """Returns per method: listed-word WER, rest WER, entries heard exactly (of all mentions), and the worst meeting.

    With ``crowd`` (meetings), each meeting's list is the crowd's names and terms followed by its own (a long list
    whose relevant entries come last); the scores still count the meeting's own entries.
    """
    from app.wer import normalize

    table = {}
    for method in methods:
        totals = {"listed_errors": 0, "listed_words": 0, "rest_errors": 0, "rest_words": 0}
        exact = mentions = 0
        per_meeting = []
        cpu0 = time.process_time()
        for names, terms, reference, audio in spoken:
            given = (names, terms)
            if crowd is not None:
                others = [m for m in crowd if m[0] != names]
                given = ([n for m in others for n in m[0]] + names, [t for m in others for t in m[1]] + terms)
            hypothesis = heard(recognizer, audio, method, *given)
            listed_words = {w for entry in [*names, *terms] for w in normalize(entry)}
            counts = split_errors(reference, hypothesis, listed_words)
            for key in totals:
                totals[key] += counts[key]
            for entry in [*names, *terms]:
                for word in entry.split():
                    mentions += reference.lower().count(word.lower())
                    exact += min(hypothesis.lower().count(word.lower()), reference.lower().count(word.lower()))
            per_meeting.append(round(counts["rest_errors"] / max(1, counts["rest_words"]), 3))
        table[method] = {
            "listed_wer": round(totals["listed_errors"] / max(1, totals["listed_words"]), 3),
            "rest_wer": round(totals["rest_errors"] / max(1, totals["rest_words"]), 3),
            "listed_spelled_right": round(exact / max(1, mentions), 3),
            "worst_meeting_rest_wer": max(per_meeting),
            "cpu_s": round(time.process_time() - cpu0, 1),
            **totals,
        }
    return table


def score_unrelated(recognizer, methods) -> dict:
    """Returns per method the WER on real speech that says none of the listed words (dev list)."""
    from app.wer import word_error_rate
    from audio_core.decode import decode_audio

    root = testdata_root()
    names = [n for meeting in DEV for n in meeting[0]]
    terms = [t for meeting in DEV for t in meeting[1]]
    table = {}
    for method in methods:
        refs, hyps, per_clip = [], [], {}
        cpu_s = 0.0
        for name in UNRELATED:
            path = root / name
            reference = stm_text(path.with_suffix(".stm")) if path.with_suffix(".stm").exists() else path.with_suffix(".txt").read_text()
            refs.append(reference)
            audio = decode_audio(path)
            cpu0 = time.process_time()
            hyps.append(heard(recognizer, audio, method, names, terms))
            cpu_s += time.process_time() - cpu0
            per_clip[Path(name).stem] = round(word_error_rate(reference, hyps[-1]), 3)
        table[method] = {"wer": round(word_error_rate(refs, hyps), 3), "per_clip": per_clip, "cpu_s": round(cpu_s, 1)}
    return table


def time_live(recognizer, audio, repeats: int = 3) -> dict:
    """Returns the live decoding pass's median wall time over a 10 s window: no list, the hint everywhere, the shipped way."""
    from audio_core.streaming import LIVE_ASR
    from app.vocabulary import asr_with_vocabulary, parse_vocabulary
    from app.vocabulary.selective import transcribe_with_vocabulary

    window = audio[: 10 * 16000]
    vocabulary = parse_vocabulary("\n".join(
        [f"name: {', '.join(m[0])}" for m in DEV] + [f"term: {', '.join(m[1])}" for m in DEV]))
    passes = {
        "live_no_list_s": lambda: transcribe(recognizer, window, LIVE_ASR),
        "live_hint_everywhere_s": lambda: transcribe(recognizer, window, asr_with_vocabulary(LIVE_ASR, vocabulary)),
        "live_shipped_s": lambda: list(transcribe_with_vocabulary(recognizer, window, LIVE_ASR, vocabulary)),
    }
    result = {}
    for label, decode in passes.items():
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            decode()
            times.append(time.perf_counter() - start)
        result[label] = round(statistics.median(times), 3)
    result["live_ratio_everywhere"] = round(result["live_hint_everywhere_s"] / result["live_no_list_s"], 2)
    result["live_ratio_shipped"] = round(result["live_shipped_s"] / result["live_no_list_s"], 2)
    return result


def print_table(title: str, table: dict) -> None:
    print(f"\n{title}")
    print(f"{'method':<18}{'listed WER':>11}{'rest WER':>10}{'spelled right':>15}{'worst rest':>12}{'CPU s':>8}")
    for method, row in table.items():
        print(f"{method:<18}{row['listed_wer']:>11.1%}{row['rest_wer']:>10.1%}{row['listed_spelled_right']:>15.1%}"
              f"{row['worst_meeting_rest_wer']:>12.1%}{row['cpu_s']:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "report", "both"], default="both")
    parser.add_argument("--methods", default="none,hotwords,prompt,both,hotwords-styled,prompt-styled,shipped")
    parser.add_argument("--report-methods", default=None, help="methods for the report split (default: --methods)")
    parser.add_argument("--no-unrelated", action="store_true", help="skip the real clips and the live timing")
    parser.add_argument("--long-list", action="store_true", help="also the report meetings with every entry of both splits")
    args = parser.parse_args()
    from app.engines import Engines
    from app.vocabulary import vocabulary_hint

    methods = args.methods.split(",")
    recognizer = Engines().recognizer
    import ctranslate2

    ctranslate2.set_random_seed(7)  # the temperature fallback samples: the same choices on every run
    results = {"model": recognizer.name, "methods": methods,
               "shipped_hint_example": vocabulary_hint(__import__("app.vocabulary", fromlist=["parse_vocabulary"])
                                                      .parse_vocabulary("name: Siobhan Nakagawa\nterm: Zephyrix"))}
    splits = {"dev": DEV, "report": REPORT}
    dev_audio = None
    for split in (["dev", "report"] if args.split == "both" else [args.split]):
        spoken = spoken_meetings(splits[split])
        dev_audio = spoken[0][3] if split == "dev" else dev_audio
        chosen = (args.report_methods or args.methods).split(",") if split == "report" else methods
        results[split] = score_split(recognizer, spoken, chosen)
        print_table(f"{split} meetings ({len(spoken)}, {sum(len(m[2]) for m in splits[split])} turns)", results[split])
    if args.long_list and "report" in results:
        crowd = DEV + REPORT
        results["report_long_list"] = score_split(recognizer, spoken_meetings(REPORT), ["none", "before", "shipped"], crowd)
        print_table(f"report meetings, each given all {sum(len(m[0]) + len(m[1]) for m in crowd)} entries of both splits "
                    "(its own last)", results["report_long_list"])
    if not args.no_unrelated:
        results["unrelated_real_speech"] = score_unrelated(recognizer, ["none", "hotwords-styled", "shipped"])
        print("\nreal speech without listed words (LibriVox x5 + phone call), dev list given:")
        for method, row in results["unrelated_real_speech"].items():
            clips = "  ".join(f"{clip.removeprefix('librivox_')} {wer:.0%}" for clip, wer in row["per_clip"].items())
            print(f"  {method:<16} WER {row['wer']:.1%}  CPU {row['cpu_s']:.1f} s  ({clips})")
        live_audio = dev_audio if dev_audio is not None else spoken_meetings(DEV[:1])[0][3]
        results["live"] = time_live(recognizer, live_audio)
        live = results["live"]
        print(f"\nlive pass over 10 s: {live['live_no_list_s']:.2f} s without the list, "
              f"{live['live_hint_everywhere_s']:.2f} s with the hint everywhere (x{live['live_ratio_everywhere']}), "
              f"{live['live_shipped_s']:.2f} s the shipped way (x{live['live_ratio_shipped']})")
    print(write_results("vocabulary", results))


if __name__ == "__main__":
    main()
