#!/usr/bin/env python3
"""Prints a libFuzzer dictionary built from the grammars, so that the
vocabulary is not kept twice (tools/fuzz.sh calls it):
    make_dict.py labels GRAMMAR_DIR    every label of every `labels` block
    make_dict.py grammar GRAMMAR_DIR   keywords, rule options, set names
Non-ASCII bytes are written as \\xNN escapes."""
import glob
import os
import re
import sys


def quote(text):
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char in '\\"' or byte < 0x20 or byte > 0x7e:
            out.append("\\x%02X" % byte)
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def grammar_lines(directory):
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.fg"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            yield from f.read().splitlines()


def labels(directory):
    tokens, in_labels = set(), False
    for line in grammar_lines(directory):
        if line and not line[0].isspace():
            in_labels = line.startswith("labels ")
        elif in_labels and line.strip() and not line.strip().startswith("#"):
            tokens.add(line.strip())
    return tokens


def grammar_tokens(directory):
    tokens = set()
    for line in grammar_lines(directory):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if not line[0].isspace():
            tokens.update(words[:3])
        else:
            tokens.update(re.findall(r"\b[a-z_]+=", line))
            tokens.add(words[0])
    return tokens


if __name__ == "__main__":
    mode, directory = sys.argv[1], sys.argv[2]
    tokens = labels(directory) if mode == "labels" else grammar_tokens(directory)
    for token in sorted(tokens):
        if 0 < len(token.encode("utf-8")) <= 64:
            print(quote(token))
