#ifndef CESCUCHA_SYSTEM_H
#define CESCUCHA_SYSTEM_H
// Process-wide settings the command-line tool makes at start; the library never calls these.

/// Keeps large, short-lived buffers (a batch's JSON output, a few MB) in a heap that grows in large steps
/// and is not trimmed, instead of fresh pages that cost a fault per 4 KiB on every batch. glibc only.
void escucha_tune_allocator(void);
#endif
