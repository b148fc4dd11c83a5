"""Checks a rendered Escucha report: the screenshot shows the three charts' colours, and the HTML
refers to nothing outside itself. Standard library only (PNG decoded with zlib)."""
import re
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, width = 8, [], 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "unexpected PNG format"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    offset = 0
    for _ in range(height):
        kind = raw[offset]
        line = bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return rows, channels


def count(rows, channels, target, tolerance=24):
    total = 0
    for row in rows:
        for i in range(0, len(row), channels):
            if all(abs(row[i + c] - target[c]) <= tolerance for c in range(3)):
                total += 1
    return total


report, shot, log = sys.argv[1:4]
html = open(report, encoding="utf-8").read()
problems = []
for external in ("http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url("):
    if external in html:
        problems.append(f"the HTML contains {external!r}")
for chart in ("nps", "timeline", "drivers"):
    if f'data-chart="{chart}"' not in html:
        problems.append(f"no {chart} chart in the HTML")
if re.search(r"net::ERR_|Failed to load resource", open(log, encoding="utf-8", errors="replace").read()):
    problems.append("Chromium logged a failed request")
rows, channels = pixels(shot)
# Bar colours at their opacity over white: red (#cf222e at 0.8), green (#1a7f37 at 0.8), blue (#54aeff at 0.6).
colours = {"red bars": (216, 78, 88), "green bars": (72, 153, 95), "blue volume bars": (152, 206, 255)}
for name, rgb in colours.items():
    found = count(rows, channels, rgb)
    print(f"{name}: {found} pixels")
    if found < 500:
        problems.append(f"the screenshot shows too few {name} ({found} pixels)")
if problems:
    print("check-report: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"check-report: charts drawn, nothing fetched ({shot})")
