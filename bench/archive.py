"""What publishing costs as the archive grows: one day's publish with N earlier days on disk
(re-reads every digest.json for index.html and feed.xml, re-renders the neighbours' pages).

    python bench/archive.py [--days 30 365] [--stories 40]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from summarizer.models import Digest, KeyPoint, NamedEntity, Participants, Person, SourceRef, Story
from summarizer.publish.days import publish_day, refresh_archive

FIRST_DAY = date(2025, 1, 1)


def _digest(day: date, stories: int) -> Digest:
    generated = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)
    made = tuple(
        Story(
            id=f"{day}-{n}",
            headline=f"Story {n} of {day}: a headline of ordinary length for a news story",
            key_points=tuple(
                KeyPoint(
                    f"Key point {k} of story {n}, a sentence about as long as news copy has.",
                    f"{n}",
                )
                for k in range(3)
            ),
            participants=Participants(
                people=(Person("Ana Silva", "Finance chief", 3, ("Silva",)), Person(f"Person {n}")),
                organizations=(NamedEntity("City Council"),),
                places=(NamedEntity("Porto"),),
            ),
            sources=tuple(
                SourceRef(
                    f"{n}-{k}",
                    f"Title {k}",
                    f"https://example.org/{n}/{k}",
                    f"Outlet {k}",
                    generated - timedelta(hours=k),
                )
                for k in range(1 + n % 4)
            ),
        )
        for n in range(stories)
    )
    return Digest(
        date=day, generated_at=generated, stories=made, article_count=len(made), input_count=10
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, nargs="+", default=[30, 365])
    parser.add_argument("--stories", type=int, default=40)
    args = parser.parse_args()
    print(f"{args.stories} stories a day\n")
    print("| days already published | publish one more day | of which archive refresh |")
    print("|---:|---:|---:|")
    for days in args.days:
        with tempfile.TemporaryDirectory() as directory:
            out = Path(directory)
            for offset in range(days):
                publish_day(_digest(FIRST_DAY + timedelta(days=offset), args.stories), out)
            digest = _digest(FIRST_DAY + timedelta(days=days), args.stories)
            started = time.perf_counter()
            publish_day(digest, out)
            total = time.perf_counter() - started
            started = time.perf_counter()
            refresh_archive(out, digest.date)
            refresh = time.perf_counter() - started
        print(f"| {days} | {total:.2f} s | {refresh:.2f} s |")


if __name__ == "__main__":
    main()
