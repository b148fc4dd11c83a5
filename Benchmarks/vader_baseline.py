"""VADER 3.3.2 on the first LIMIT bytes of a file of texts, one per line: MB per CPU second.

Run by escucha-bench beside `escucha score --lines` on the same file. Prints: MB/s bytes cpu_seconds.
"""
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

path, limit = sys.argv[1], int(sys.argv[2])
lines, total = [], 0
with open(path, encoding="utf-8") as handle:
    for line in handle:
        lines.append(line.rstrip("\n"))
        total += len(line.encode("utf-8"))
        if total >= limit:
            break
analyzer = SentimentIntensityAnalyzer()
start = time.process_time()
for line in lines:
    analyzer.polarity_scores(line)
cpu = time.process_time() - start
print(f"{total / 1e6 / cpu:.3f} {total} {cpu:.3f}")
