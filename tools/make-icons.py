#!/usr/bin/env python3
"""Draws Oasis's PNG icons into public/icons (Python standard library only).

The mark: a sun over two waves on the theme's teal. "any" icons are a
rounded square on transparency; maskable ones fill the square and keep the
mark inside the central 80% safe zone. Run again after changing the design:
    python3 tools/make-icons.py
"""
import math
import struct
import zlib
from pathlib import Path

TEAL = (15, 118, 110)
SUN = (252, 211, 77)
WHITE = (255, 255, 255)
FOAM = (153, 246, 228)
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"
SUPERSAMPLE = 4


def rounded_square(x, y, radius):
    """Inside test of the unit square with rounded corners."""
    dx = max(abs(x - 0.5) - (0.5 - radius), 0)
    dy = max(abs(y - 0.5) - (0.5 - radius), 0)
    return dx * dx + dy * dy <= radius * radius


def wave(x, y, base, amplitude, thickness, phase):
    crest = base + amplitude * math.sin(2 * math.pi * (x * 1.5 + phase))
    return crest <= y <= crest + thickness


def mark(x, y):
    """Colour of the mark at (x, y) in the unit square, or None."""
    if (x - 0.5) ** 2 + (y - 0.40) ** 2 <= 0.17 ** 2:
        return SUN
    if wave(x, y, 0.64, 0.025, 0.075, 0.0) and 0.16 <= x <= 0.84:
        return WHITE
    if wave(x, y, 0.76, 0.025, 0.06, 0.33) and 0.24 <= x <= 0.76:
        return FOAM
    return None


def glyph_check(x, y):
    def segment(ax, ay, bx, by, width):
        vx, vy = bx - ax, by - ay
        t = max(0, min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)))
        return (x - ax - t * vx) ** 2 + (y - ay - t * vy) ** 2 <= width * width
    return WHITE if segment(0.28, 0.52, 0.44, 0.68, 0.06) or segment(0.44, 0.68, 0.74, 0.34, 0.06) else None


def glyph_books(x, y):
    for left, top in ((0.26, 0.26), (0.44, 0.20), (0.62, 0.30)):
        if left <= x <= left + 0.13 and top <= y <= 0.76:
            return WHITE if left != 0.44 else SUN
    return None


def glyph_meals(x, y):
    if y >= 0.5 and (x - 0.5) ** 2 + (y - 0.5) ** 2 <= 0.27 ** 2:
        return WHITE
    if 0.45 <= y <= 0.5 and 0.2 <= x <= 0.8:
        return WHITE
    return SUN if (x - 0.5) ** 2 + (y - 0.34) ** 2 <= 0.07 ** 2 else None


def render(size, pixel):
    """RGBA rows, each pixel the average of SUPERSAMPLE² samples."""
    rows = []
    n = SUPERSAMPLE
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(n):
                for sx in range(n):
                    colour = pixel((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)
                    if colour:
                        for i in range(3):
                            acc[i] += colour[i]
                        acc[3] += 255
            count = n * n
            covered = acc[3] / 255
            if covered:
                row += bytes(round(acc[i] / covered) for i in range(3)) + bytes([round(acc[3] / count)])
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + row for row in rows)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    print(f"wrote {path.relative_to(OUT.parent.parent)} ({len(png)} bytes)")


def any_icon(x, y):
    if not rounded_square(x, y, 0.22):
        return None
    return mark(x, y) or TEAL


def maskable_icon(x, y):
    # The mark shrunk into the central 80%: the safe zone of maskable icons.
    inner = mark(0.5 + (x - 0.5) / 0.8, 0.5 + (y - 0.5) / 0.8)
    return inner or TEAL


def shortcut(glyph):
    def pixel(x, y):
        if (x - 0.5) ** 2 + (y - 0.5) ** 2 > 0.5 ** 2:
            return None
        return glyph(x, y) or TEAL
    return pixel


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, pixel in [
        ("icon-192.png", 192, any_icon),
        ("icon-512.png", 512, any_icon),
        ("maskable-192.png", 192, maskable_icon),
        ("maskable-512.png", 512, maskable_icon),
        ("apple-touch-icon.png", 180, maskable_icon),
        ("shortcut-checkin.png", 96, shortcut(glyph_check)),
        ("shortcut-books.png", 96, shortcut(glyph_books)),
        ("shortcut-meals.png", 96, shortcut(glyph_meals)),
    ]:
        write_png(OUT / name, size, render(size, pixel))


if __name__ == "__main__":
    main()
