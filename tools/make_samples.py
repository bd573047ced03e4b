#!/usr/bin/env python3
"""Generate Briefer's default sample library in ``resources/samples/``.

Six short, clearly fictional documents about one imaginary controversy in the imaginary
state of Examplestan, so that a new user can try searching, clipping, comparing and
exporting at once:

* the Social Media (Online Harms) Rules, 2026        (rule)
* the draft of those Rules circulated in 2025       (rule; compare it with the Rules)
* the Digital Communications Act, 2024 (extract)    (law)
* Citizens' Rights Forum v. Federation of Examplestan (judgment)
* a joint civil-society statement on the Rules       (statement)
* a platform transparency report excerpt            (report)

Every PDF says "SAMPLE — fictional document for trying Briefer" in its metadata subject
and in a small footer line. ``samples.json`` lists the files with their metadata.

The layout and the rules, act and judgment texts come from ``tests/pdfgen.py``; the
draft, the statement and the report are written here. The draft differs from the notified
Rules in every way "Compare Versions" reports (see ``DRAFT_CHAPTERS``). Output is
deterministic: run it again and the files do not change (unless the texts do).

    python tools/make_samples.py [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.pdfgen import (  # noqa: E402
    RULES_CHAPTERS,
    RULES_ISSUER,
    SAMPLE_NOTE,
    Item,
    Layout,
    Prov,
    Sub,
    _provision_items,
    make_act_pdf,
    make_judgment_pdf,
    make_rules_pdf,
)

OUT = ROOT / "resources" / "samples"

# --------------------------------------------------------------------------------------
# the draft of the Rules

DRAFT_TITLE = "Draft Social Media (Online Harms) Rules, 2025"
DRAFT_DATE = "2nd December, 2025"


def _notified(number: str) -> Prov:
    """Rule ``number`` of the notified Rules, for a rule the draft words the same way."""
    for _chap, _name, provs in RULES_CHAPTERS:
        for prov in provs:
            if prov.number == number:
                return prov
    raise KeyError(number)


def _definitions() -> Prov:
    """Rule 2 of the draft: the notified definitions, with a narrower-worded "emergency"
    and a National Coordinator the Ministry designates (the notified rule 4 appoints
    one)."""
    notified = _notified("2")
    first = notified.subs[0]
    clauses = []
    for letter, text in first.clauses:
        if letter == "d":
            text = ("\u201cemergency\u201d means a situation in which the National Coordinator "
                    "is satisfied that online content poses a threat to public order;")
        elif letter == "e":
            text = ("\u201cNational Coordinator\u201d means the officer designated as such by "
                    "the Ministry;")
        clauses.append((letter, text))
    return Prov("2", notified.heading, [Sub("1", first.text, clauses), notified.subs[1]])


# The draft as circulated to the companies. Against the notified Rules (RULES_CHAPTERS):
# rule 1(1) cites the 2025 rules (reworded); rule 2(1)(d) and (e) reworded; the notified
# rule 4 (appointment of the National Coordinator) is not in the draft (added), so draft
# rules 4 and 5 became rules 5 and 6 (renumbered, some words changed: the register was to
# be published, the emergency deadline was two hours, the proviso to 5(2) is new); draft
# rule 6 (consultation with the Authority) was dropped (removed); rules 7 and 9 are the
# same; rule 8(1)'s fine grew from ten to fifty million rupees (reworded); references to
# "rule 4" became "rule 5" (6(2)(c), 8(2): reworded by the renumbering alone).
DRAFT_CHAPTERS: list[tuple[str, str, list[Prov]]] = [
    ("CHAPTER I", "PRELIMINARY", [
        Prov("1", "Short title, extent and commencement", [
            Sub("1", "These rules may be cited as the Social Media (Online Harms) Rules, 2025."),
            *_notified("1").subs[1:],
        ]),
        _definitions(),
        _notified("3"),
    ]),
    ("CHAPTER II", "THE NATIONAL COORDINATOR", [
        Prov("4", "Powers of the National Coordinator", [
            Sub("1", "The National Coordinator may, on a complaint received from any person, "
                     "by order in writing direct a social media company\u2014", [
                ("a", "to remove, or to block access to, any online content which is "
                      "unlawful under section 37 of the Act;"),
                ("b", "to provide, within seventy-two hours, any subscriber information or "
                      "traffic data relating to a user who is alleged to have posted such "
                      "online content;"),
                ("c", "to suspend the account of any user who has repeatedly posted online "
                      "content of the kind referred to in clause (a)."),
            ]),
            Sub("2", "Every order under sub-rule (1) shall state the grounds on which it is "
                     "made and the provision of the Act under which the online content is "
                     "considered unlawful."),
            Sub("3", "The National Coordinator may direct that an order under sub-rule (1), "
                     "or the fact that it has been made, shall not be disclosed by the social "
                     "media company to the affected user or to any other person."),
            Sub("4", "The National Coordinator shall maintain a register of all orders made "
                     "under this rule and shall publish it every year."),
        ]),
        Prov("5", "Obligations of social media companies", [
            Sub("1", "Every social media company shall\u2014", [
                ("a", "comply with an order for removal or blocking under rule 4 within "
                      "twenty-four hours of its receipt;"),
                ("b", "in an emergency, comply with such an order within two hours of its "
                      "receipt;"),
                ("c", "retain any online content that has been removed or blocked, together "
                      "with the associated subscriber information and traffic data, for not "
                      "less than ninety days; and"),
                ("d", "designate a point of contact who shall be available at all times to "
                      "receive orders of the National Coordinator."),
            ]),
            Sub("2", "Every significant social media company shall, within three months of "
                     "the commencement of these rules,\u2014", [
                ("a", "establish a registered office in Examplestan;"),
                ("b", "appoint a compliance officer resident in Examplestan; and"),
                ("c", "publish, every six months, a report stating the number of orders "
                      "received under rule 4 and the action taken on each of them."),
            ]),
        ]),
        Prov("6", "Consultation with the Authority", [
            Sub(None, "Before making an order under clause (a) of sub-rule (1) of rule 4 which "
                      "affects the whole of a platform, the National Coordinator shall consult "
                      "the Authority and record its views in writing."),
        ]),
    ]),
    ("CHAPTER III", "REVIEW AND ENFORCEMENT", [
        _notified("7"),
        Prov("8", "Penalties", [
            Sub("1", "Where a social media company fails to comply with an order under rule 4 "
                     "or with any obligation under rule 5, the Authority may, after giving it "
                     "an opportunity of being heard, impose a fine which may extend to ten "
                     "million rupees."),
            Sub("2", "Where a significant social media company persistently fails to comply "
                     "with orders under rule 4, the National Coordinator may recommend to the "
                     "Authority the blocking, in whole or in part, of the online services of "
                     "that company in Examplestan."),
        ]),
        _notified("9"),
    ]),
]  # fmt: skip


def make_draft_rules_pdf(path, tags: list[str]):
    """The draft as a ministry circulates it: a letter-like first page, "DRAFT" in the
    running header, "page N of M" in the footer, a sans-serif face — a layout and page
    breaks other than the gazette's, as two real versions of one rule have."""

    def head(i, _n):
        return ["DRAFT \u2014 FOR COMMENTS OF STAKEHOLDERS \u2014 NOT FOR PUBLICATION"]

    def foot(i, n):
        return [f"Page {i + 1} of {n}", SAMPLE_NOTE]

    lay = Layout(
        family="Helvetica", size=10.5, header=head, header_style="B", footer=foot,
        footer_size=8, printed=lambda i: str(i + 1), title=DRAFT_TITLE,
        author="Government of Examplestan, " + RULES_ISSUER, subject=SAMPLE_NOTE,
        keywords=", ".join(tags),
    )  # fmt: skip
    for t, style, size in [
        ("GOVERNMENT OF EXAMPLESTAN", "B", 12),
        (RULES_ISSUER.upper(), "", 10),
        ("Port Meridian, the " + DRAFT_DATE, "I", 10),
    ]:
        lay.add(Item([(style, t)], align="C", size=size, space_before=0.3))
    lay.add(Item([
        ("", "The following draft of rules, which the Federal Government proposes to make in "
             "exercise of the powers conferred by section 51, read with section 37, of the "
             "Digital Communications Act, 2024 (XIV of 2024), is circulated to social media "
             "companies for their comments, which may be sent to the Ministry within fifteen "
             "days of its receipt."),
    ], space_before=1.0))  # fmt: skip
    lay.add(Item([("B", "THE SOCIAL MEDIA (ONLINE HARMS) RULES, 2025")], align="C",
                 space_before=1.0))  # fmt: skip
    for chap, name, provs in DRAFT_CHAPTERS:
        lay.add(Item([("B", f"{chap} \u2014 {name}")], align="C", space_before=1.2))
        for prov in provs:
            for it in _provision_items(prov, "Rule", ("rule", "sub-rule", "clause", "sub-clause")):
                lay.add(it)
    lay.add(Item([("", "[F. No. 4-12/2025-DC (draft)]")], space_before=1.5))
    return lay.build(path)


# --------------------------------------------------------------------------------------
# the statement

STATEMENT_TITLE = "Joint Statement: Withdraw the Social Media (Online Harms) Rules, 2026"
STATEMENT_ISSUER = "Examplestan Digital Rights Coalition"

STATEMENT_BODY: list[tuple[str, str]] = [
    ("p", "We, the undersigned organisations, are deeply concerned by the Social Media "
          "(Online Harms) Rules, 2026, notified by the Ministry of Information Technology and "
          "Telecommunication on 28 January 2026 through S.R.O. 112(I)/2026. The Rules were "
          "published without any public consultation and came into force on the day of their "
          "publication. They give a single official, the National Coordinator, sweeping powers "
          "to order the removal and blocking of online content and to demand the personal data "
          "of users, with almost no independent oversight."),
    ("h", "What the Rules do"),
    ("b", "Rule 5(1)(a) allows the National Coordinator to order a platform to remove or block "
          "any content which, \u201cin his opinion\u201d, is unlawful. The Rules set no test of "
          "necessity or proportionality, although section 37(2) of the Digital Communications "
          "Act, 2024 requires every removal or blocking order to be proportionate."),
    ("b", "Rule 5(1)(b) obliges platforms to hand over subscriber information, traffic data and "
          "even content data within seventy-two hours, on the word of the National Coordinator "
          "alone. Section 38(2) of the Act permits such disclosure only under a warrant issued "
          "by a court."),
    ("b", "Rule 5(3) lets the National Coordinator forbid a platform to tell users that their "
          "posts were removed or their data handed over. Users who are never told cannot ask "
          "for a review under rule 7 or go to court."),
    ("b", "Rule 5(4) keeps the register of removal and blocking orders secret, so that neither "
          "Parliament nor the public can know how the powers are used."),
    ("b", "Rule 6(1) gives platforms twenty-four hours, and in an \u201cemergency\u201d only six "
          "hours, to comply with an order. Deadlines this short leave no time for legal review "
          "and will push companies to remove first and ask questions later."),
    ("b", "Rule 8(2) allows the National Coordinator to recommend that an entire platform be "
          "blocked in Examplestan if it \u201cpersistently\u201d fails to comply."),
    ("h", "Why this matters"),
    ("p", "Journalists, human rights defenders and ordinary users rely on social media to report "
          "on matters of public interest that the mainstream press does not cover. A power to "
          "remove content on the basis of one official's opinion, exercised in secret and "
          "within hours, will be used against exactly this kind of speech. Platforms facing "
          "fines of up to fifty million rupees under rule 8(1) will over-comply rather than "
          "contest doubtful orders."),
    ("p", "The demand for user data without a warrant is just as serious. Subscriber information "
          "can identify a whistle-blower or a source; traffic data can reveal whom a journalist "
          "speaks to and where. The Act itself recognised this when it made a judicial warrant "
          "a condition of disclosure. Rules made under the Act cannot take that safeguard away."),
    ("p", "Finally, blocking a whole platform punishes millions of users for the conduct of a "
          "company, and has repeatedly been found disproportionate by courts in other "
          "jurisdictions. It should have no place in a regulation that claims to protect users "
          "from harm."),
    ("h", "Our demands"),
    ("n", "1. Withdraw the Rules, and publish any replacement in draft for at least thirty days "
          "of public comment, as section 51(2) of the Act requires."),
    ("n", "2. Subject every removal or blocking order to prompt review by an independent body "
          "or a court, and require the National Coordinator to record reasons showing that the "
          "order is necessary and proportionate."),
    ("n", "3. Remove the power of the National Coordinator to demand user data without a "
          "judicial warrant."),
    ("n", "4. Require that every affected user be told of an order against their content and "
          "of the grounds for it, and publish the register of orders every year."),
    ("n", "5. Replace the six-hour deadline with a proportionate timeline, and define "
          "\u201cemergency\u201d narrowly."),
    ("n", "6. Rule out the blocking of entire platforms."),
    ("p", "We call on the Standing Committee on Information Technology to take up the Rules "
          "without delay and to hear civil society, journalists and the affected companies "
          "before any decision is taken."),
    ("h", "Signatories"),
    ("s", "Examplestan Digital Rights Coalition; Media Freedom Watch Examplestan; Port Meridian "
          "Press Club; Open Net Lawyers Forum; Centre for Privacy and Public Interest; Women in "
          "Technology Collective; Students for Free Expression; Northern Journalists Union; "
          "Association of Community Radio; Institute for Law and Society; Consumer Voice "
          "Examplestan; Disability Rights Network; Minority Rights Desk; Readers' Rights "
          "Initiative."),
]


def make_statement_pdf(path, tags: list[str]):
    def foot(i, n):
        return [f"{i + 1} / {n}", SAMPLE_NOTE]

    lay = Layout(
        family="Helvetica", size=10.5, footer=foot, footer_size=8,
        printed=lambda i: str(i + 1), title=STATEMENT_TITLE, author=STATEMENT_ISSUER,
        subject=SAMPLE_NOTE, keywords=", ".join(tags),
    )  # fmt: skip
    lay.add(Item([("B", STATEMENT_ISSUER.upper())], size=9, space_before=0))
    lay.add(Item([("", "Port Meridian, 2 February 2026")], size=9, space_before=0.2))
    lay.add(Item([("B", "Withdraw the Social Media (Online Harms) Rules, 2026")], size=16,
                 space_before=1.2))  # fmt: skip
    lay.add(Item([("I", "Joint statement by fourteen civil-society organisations")],
                 space_before=0.3))  # fmt: skip
    for kind, text in STATEMENT_BODY:
        if kind == "h":
            lay.add(Item([("B", text)], size=12, space_before=1.1))
        elif kind == "b":
            lay.add(Item([("", "\u2022 " + text)], indent=5.0, space_before=0.45))
        elif kind == "n":
            lay.add(Item([("", text)], indent=5.0, space_before=0.45))
        elif kind == "s":
            lay.add(Item([("", text)], space_before=0.5, size=9.5))
        else:
            lay.add(Item([("", text)], space_before=0.8))
    return lay.build(path)


# --------------------------------------------------------------------------------------
# the transparency report

REPORT_TITLE = "Chatterbox Transparency Report: Government Requests, Examplestan, Q1 2026"
REPORT_ISSUER = "Chatterbox Social Ltd."

REMOVAL_TABLE = [
    ("Requesting authority", "Requests", "Items named", "Removed", "Restricted", "No action"),
    ("National Coordinator (rule 5)", "412", "3,870", "1,204", "1,655", "1,011"),
    ("Digital Communications Authority", "96", "540", "188", "201", "151"),
    ("Courts", "14", "37", "30", "4", "3"),
    ("Police", "38", "212", "19", "44", "149"),
    ("Total", "560", "4,659", "1,441", "1,904", "1,314"),
]
DATA_TABLE = [
    ("Requesting authority", "Requests", "Accounts", "Data produced", "Refused"),
    ("National Coordinator (rule 5(1)(b))", "301", "744", "37", "264"),
    ("Courts (warrants)", "119", "260", "88", "31"),
    ("Police (emergency requests)", "146", "190", "41", "105"),
    ("Total", "566", "1,194", "166", "400"),
]

REPORT_SECTIONS: list[tuple[str, list]] = [
    ("1. Summary", [
        "Between 1 January and 31 March 2026 Chatterbox received 1,126 legal demands from "
        "authorities in Examplestan: 560 requests to remove or restrict content and 566 "
        "requests for user data. This is more than three times the number we received in the "
        "last quarter of 2025.",
        "The increase follows the Social Media (Online Harms) Rules, 2026, which took effect on "
        "28 January 2026. Of the 560 content requests, 412 were orders of the National "
        "Coordinator under rule 5 of the Rules, requiring us to remove or block content, in "
        "most cases within twenty-four hours and in many within six hours.",
    ]),
    ("2. Requests to remove or restrict content", [
        "The table counts requests and the individual items (posts, videos, accounts) named in "
        "them. \u201cRemoved\u201d means deleted for all users; \u201cRestricted\u201d means that "
        "access was blocked in Examplestan only, because the content was unlawful under local "
        "law but not under our global rules.",
        ("table", REMOVAL_TABLE, [62, 18, 22, 18, 20, 20]),
        "We removed or restricted 74 per cent of the items named in orders of the National "
        "Coordinator. Most of the items on which we took no action were news reports and "
        "commentary about public officials which did not, in our assessment, fall within any "
        "ground listed in section 37(1) of the Digital Communications Act, 2024.",
    ]),
    ("3. Requests for user data", [
        ("table", DATA_TABLE, [70, 20, 20, 30, 20]),
        "Rule 5(1)(b) of the Rules requires us to provide subscriber information, traffic data "
        "and content data within seventy-two hours of an order of the National Coordinator. "
        "Section 38(2) of the Act allows such disclosure only under a warrant issued by a "
        "court. Where an order of the National Coordinator was not supported by a warrant we "
        "refused it, except in 37 cases involving a credible threat to life, in which we "
        "disclosed the minimum data needed.",
    ]),
    ("4. Orders of the National Coordinator", [
        "Of the 412 removal and blocking orders, 251 (61 per cent) were marked as emergencies "
        "under rule 6(1)(b), leaving six hours to comply. We met that deadline in 198 cases. "
        "In 287 orders the National Coordinator directed under rule 5(3) that we must not tell "
        "the affected users; we have asked for those directions to be reviewed under rule 7.",
        "On 3 March 2026 the National Coordinator recommended to the Digital Communications "
        "Authority that our service be blocked in Examplestan under rule 8(2), citing delays in "
        "compliance. No block had been imposed when this report was published. On 2 April 2026 "
        "the High Court declared rule 5(1)(b) of no legal effect in Citizens' Rights Forum v. "
        "Federation of Examplestan and directed that users be informed of orders against their "
        "content.",
    ]),
    ("5. How we assess requests", [
        "We review every request against the law under which it is made and against "
        "international human rights standards of legality, necessity and proportionality. "
        "Where content is unlawful only in Examplestan we restrict access there rather than "
        "remove it for everyone. We notify affected users unless the law or a court order "
        "prevents us, and we publish copies of orders, with personal data redacted, in our "
        "public database.",
    ]),
]


def make_report_pdf(path, tags: list[str]):
    def foot(i, n):
        return [f"Chatterbox Transparency Report \u2014 page {i + 1} of {n}", SAMPLE_NOTE]

    lay = Layout(
        family="Helvetica", size=10, footer=foot, footer_size=8,
        printed=lambda i: str(i + 1), title=REPORT_TITLE, author=REPORT_ISSUER,
        subject=SAMPLE_NOTE, keywords=", ".join(tags),
    )  # fmt: skip
    lay.add(Item([("B", "Chatterbox Transparency Report")], size=18, space_before=0))
    lay.add(Item([("", "Government requests to remove content and disclose user data")],
                 size=12, space_before=0.3))  # fmt: skip
    lay.add(Item([("B", "Examplestan, 1 January \u2013 31 March 2026 (excerpt)")],
                 size=12, space_before=0.3))  # fmt: skip
    lay.add(Item([("I", f"{REPORT_ISSUER}, published 20 April 2026")], space_before=0.5))
    for heading, parts in REPORT_SECTIONS:
        lay.add(Item([("B", heading)], size=12, space_before=1.2))
        for part in parts:
            if isinstance(part, tuple):
                _kind, rows, widths = part
                for r, row in enumerate(rows):
                    style = "B" if r in (0, len(rows) - 1) else ""
                    cells = [(t, w, "L" if c == 0 else "R")
                             for c, (t, w) in enumerate(zip(row, widths))]  # fmt: skip
                    lay.add(Item([(style, "")], cells=cells, size=9,
                                 space_before=0.6 if r == 0 else 0.15))  # fmt: skip
            else:
                lay.add(Item([("", part)], space_before=0.7))
    return lay.build(path)


# --------------------------------------------------------------------------------------
# the library

SAMPLES = [
    dict(
        file="social-media-online-harms-rules-2026.pdf",
        title="The Social Media (Online Harms) Rules, 2026",
        type="rule",
        issuer="Ministry of Information Technology and Telecommunication, Government of "
               "Examplestan",
        date="2026-01-28",
        tags=["social media", "content blocking", "content removal", "user data",
              "national coordinator", "S.R.O. 112(I)/2026"],
        make=lambda p, tags: make_rules_pdf(p, note=SAMPLE_NOTE, subject=SAMPLE_NOTE,
                                            keywords=", ".join(tags)),
    ),
    dict(
        file="online-harms-rules-draft-2025.pdf",
        title=DRAFT_TITLE,
        type="rule",
        issuer="Ministry of Information Technology and Telecommunication, Government of "
               "Examplestan",
        date="2025-12-02",
        tags=["draft", "social media", "content blocking", "national coordinator",
              "compare versions"],
        make=make_draft_rules_pdf,
    ),
    dict(
        file="digital-communications-act-2024.pdf",
        title="The Digital Communications Act, 2024 (extract)",
        type="law",
        issuer="Parliament of Examplestan",
        date="2024-09-04",
        tags=["parent act", "blocking powers", "traffic data", "rule-making", "offences"],
        make=lambda p, tags: make_act_pdf(p, note=SAMPLE_NOTE, subject=SAMPLE_NOTE,
                                          keywords=", ".join(tags)),
    ),
    dict(
        file="citizens-rights-forum-v-federation-2026.pdf",
        title="Citizens' Rights Forum v. Federation of Examplestan (W.P. No. 1021 of 2026)",
        type="judgment",
        issuer="High Court of Examplestan",
        date="2026-04-02",
        tags=["proportionality", "ultra vires", "blocking powers", "user data", "rule 5"],
        make=lambda p, tags: make_judgment_pdf(p, note=SAMPLE_NOTE, subject=SAMPLE_NOTE,
                                               keywords=", ".join(tags)),
    ),
    dict(
        file="joint-statement-online-harms-rules-2026.pdf",
        title=STATEMENT_TITLE,
        type="statement",
        issuer=STATEMENT_ISSUER,
        date="2026-02-02",
        tags=["civil society", "freedom of expression", "privacy", "consultation",
              "national coordinator"],
        make=make_statement_pdf,
    ),
    dict(
        file="chatterbox-transparency-report-2026-q1.pdf",
        title=REPORT_TITLE,
        type="report",
        issuer=REPORT_ISSUER,
        date="2026-04-20",
        tags=["transparency report", "government requests", "content removal",
              "user data", "national coordinator"],
        make=make_report_pdf,
    ),
]  # fmt: skip


def build(out: Path = OUT) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    listing = []
    for spec in SAMPLES:
        path = out / spec["file"]
        res = spec["make"](path, spec["tags"])
        data = path.read_bytes()
        listing.append({
            "file": spec["file"],
            "title": spec["title"],
            "type": spec["type"],
            "issuer": spec["issuer"],
            "date": spec["date"],
            "tags": spec["tags"],
            "language": "en",
            "pages": res.page_count,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        })  # fmt: skip
    manifest = {
        "format": 1,
        "description": "Default sample library seeded on first run. All documents are "
        "fictional and were written for trying Briefer.",
        "notice": SAMPLE_NOTE,
        "documents": listing,
    }
    (out / "samples.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return listing


def check(out: Path = OUT) -> int:
    """Read the samples back with pdfium and count pages that match
    ``"national coordinator" AND (block* OR remov*)``, roughly."""
    from tests.pdfgen import pdfium_texts

    manifest = json.loads((out / "samples.json").read_text(encoding="utf-8"))
    total = 0
    for doc in manifest["documents"]:
        path = out / doc["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == doc["sha256"], doc["file"]
        texts = pdfium_texts(path)
        hits = 0
        for t in texts:
            low = re.sub(r"\s+", " ", t.lower())
            if "national coordinator" in low and re.search(r"\b(block|remov)", low):
                hits += 1
        assert all(SAMPLE_NOTE in t for t in texts), doc["file"]
        total += doc["bytes"]
        print(f"{doc['file']:48} {doc['type']:9} {len(texts)} pages {doc['bytes']:6} bytes, "
              f"{hits} matching pages")  # fmt: skip
    print(f"total {total} bytes")
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT, help="output folder")
    ap.add_argument("--check", action="store_true", help="read the files back and report")
    args = ap.parse_args(argv)
    build(args.out)
    if args.check:
        check(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
