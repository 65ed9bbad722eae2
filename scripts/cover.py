#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Carry a cover letter's subject and blurb into a fresh one.

    cover.py OLD_COVER NEW_COVER

NEW_COVER is `git format-patch --cover-letter` output with its
"*** SUBJECT HERE ***" and "*** BLURB HERE ***" placeholders; they are
replaced by OLD_COVER's subject (without the [PATCH 0/N] prefix) and its
text up to the shortlog, so the shortlog, diffstat and base-commit stay new.
"""
import re
import sys

SHORTLOG = re.compile(r'^\S.* \(\d+\):$')


def subject_and_blurb(text):
    head, _, body = text.partition('\n\n')
    subject = re.search(r'^Subject: (.*(?:\n .*)*)', head, re.M).group(1)
    subject = re.sub(r'\s*\n\s*', ' ', subject)
    subject = re.sub(r'^\[[^]]*\]\s*', '', subject)
    blurb = []
    for line in body.splitlines():
        if SHORTLOG.match(line):
            break
        blurb.append(line)
    return subject, '\n'.join(blurb).rstrip('\n')


def main():
    old, new = sys.argv[1], sys.argv[2]
    subject, blurb = subject_and_blurb(open(old).read())
    text = open(new).read()
    if '*** SUBJECT HERE ***' not in subject:
        text = text.replace('*** SUBJECT HERE ***', subject)
    if '*** BLURB HERE ***' not in blurb:
        text = text.replace('*** BLURB HERE ***', blurb)
    open(new, 'w').write(text)


if __name__ == '__main__':
    main()
