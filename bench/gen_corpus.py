#!/usr/bin/env python3
"""Multiplies sample-data/ into a benchmark corpus of N calls, with matching PBX logs.

usage: bench/gen_corpus.py N OUT [--data sample-data] [--pbx queue_log,cdr,ami]

Copy 0 is sample-data as it is; copy c >= 1 gives every call a fresh uniqueid, EPOCH.SEQ ->
EPOCH.(c * 100000 + SEQ), in the transcript's file name, inside the transcript (callqa JSON call_id)
and in every PBX log line (queue_log callid, CDR uniqueid/linkedid, AMI Uniqueid/Linkedid), so every
copy joins to its own PBX records. Times stay as they are (the corpus is one month, N calls), and so
do AMI `Timestamp:` lines. Transcripts are taken in sample-data's path order, copy after copy, until
there are N; the PBX logs hold every copy that contributed a transcript. Unreadable and duplicate
sample files are copied too, so the corpus exercises rejection like the sample does.

OUT/transcripts/<day>/<file>, OUT/pbx/{queue_log,Master.csv,ami.log}, OUT/operators.csv.
Deterministic: the same N gives the same bytes. Standard library only.
"""
import argparse
import os
import re
import shutil
import sys

# A uniqueid: a 10-digit epoch and a short sequence (AMI's 6-digit timestamp fractions are not).
UNIQUEID = re.compile(r'(?<![\d.])(1\d{9})\.(\d{1,5})(?![\d])')
SEQ_STRIDE = 100000
PBX_FILES = {'queue_log': 'queue_log', 'cdr': 'Master.csv', 'ami': 'ami.log'}


def renumber(copy):
    if copy == 0:
        return lambda text: text

    def sub(m):
        return f'{m.group(1)}.{copy * SEQ_STRIDE + int(m.group(2))}'

    return lambda text: UNIQUEID.sub(sub, text)


def transcripts(data):
    root = os.path.join(data, 'transcripts')
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def write_transcripts(data, out, calls):
    files = transcripts(data)
    if not files:
        sys.exit(f'{data}: no transcripts')
    copies = -(-calls // len(files))
    written = 0
    for copy in range(copies):
        new_id = renumber(copy)
        for relative in files:
            if written == calls:
                return copies
            source = os.path.join(data, 'transcripts', relative)
            folder, name = os.path.split(relative)
            target = os.path.join(out, 'transcripts', folder, new_id(name))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            raw = open(source, 'rb').read()
            try:
                text = raw.decode('utf-8')
                open(target, 'wb').write(new_id(text).encode('utf-8'))
            except UnicodeDecodeError:
                # Windows-1252 or UTF-16 samples: ids only in the name.
                open(target, 'wb').write(raw)
            written += 1
    return copies


def write_pbx(data, out, copies, kinds):
    os.makedirs(os.path.join(out, 'pbx'), exist_ok=True)
    for kind in kinds:
        name = PBX_FILES[kind]
        source = os.path.join(data, 'pbx', name)
        if not os.path.exists(source):
            continue
        lines = open(source, encoding='utf-8', newline='').read().splitlines(keepends=True)
        with open(os.path.join(out, 'pbx', name), 'w', encoding='utf-8', newline='') as target:
            for copy in range(copies):
                new_id = renumber(copy)
                for line in lines:
                    if kind == 'ami' and copy > 0 and line.startswith(
                            ('Asterisk Call Manager/', 'Response:', 'Message: Authentication')):
                        continue
                    target.write(line if line.startswith('Timestamp:') else new_id(line))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('calls', type=int, help='number of transcript files (N)')
    parser.add_argument('out', help='corpus folder (replaced)')
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument('--data', default=os.path.join(here, '..', 'sample-data'))
    parser.add_argument('--pbx', default='queue_log,cdr,ami',
                        help='PBX logs to include (queue_log, cdr, ami; empty for none)')
    args = parser.parse_args()
    kinds = [k for k in args.pbx.split(',') if k]
    for kind in kinds:
        if kind not in PBX_FILES:
            sys.exit(f'--pbx: unknown log {kind!r} (expected {", ".join(PBX_FILES)})')
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    copies = write_transcripts(args.data, args.out, args.calls)
    write_pbx(args.data, args.out, copies, kinds)
    shutil.copy(os.path.join(args.data, 'operators.csv'), os.path.join(args.out, 'operators.csv'))
    print(f'{args.out}: {args.calls} transcript files, PBX logs of {copies} copies of the month')


if __name__ == '__main__':
    main()
