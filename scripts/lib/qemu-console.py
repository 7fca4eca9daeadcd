#!/usr/bin/env python3
"""Runs a QEMU command line with the guest's serial console on stdout and watches it.

    qemu-console.py --log FILE --expect REGEX [--fail REGEX] [--phase NAME=REGEX]... [--timeout S] [--grace S]
                    [--summary FILE] -- QEMU ARGS...

Every console line is written to --log with the host's clock (seconds since QEMU started), so the figures do not
depend on the guest's clocks, which restart with each kexec. The run ends when --expect matches (result "match"),
when --fail matches first (result "fail"), when QEMU exits (result "exit") or after --timeout seconds ("timeout");
--grace keeps the guest running a little after a match so the log shows what followed. Prompts that end without a
newline ("debian login: ") are matched once the console has been quiet for half a second. --phase NAME=REGEX names a milestone: phases are
ordered as given, each is the first matching line after the previous milestone seen (one may be skipped), so
"Linux version" can mark both kernels of a kexec. The summary
(one JSON object, on stdout and in --summary) gives each phase's time. Exit status 0 on a match, 1 otherwise.
"""
import argparse
import json
import os
import re
import selectors
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--expect", required=True)
    parser.add_argument("--fail", default=None)
    parser.add_argument("--phase", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--grace", type=float, default=2)
    parser.add_argument("--summary", default=None)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no QEMU command given")
    expect = re.compile(args.expect.encode(), re.MULTILINE)
    fail = re.compile(args.fail.encode(), re.MULTILINE) if args.fail else None
    phases = []
    for spec in args.phase:
        name, _, regex = spec.partition("=")
        phases.append((name, re.compile(regex.encode())))

    start = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    os.set_blocking(process.stdout.fileno(), False)
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    seen = {}
    cursor = 0
    result, matched, stop_at = None, "", None
    pending = b""

    with open(args.log, "wb") as log:

        def consider(line, complete):
            nonlocal result, matched, stop_at, cursor
            now = time.monotonic() - start
            if complete:
                log.write(b"[%8.2f] " % now + line + b"\n")
                log.flush()
                for index in range(cursor, len(phases)):
                    name, regex = phases[index]
                    if regex.search(line):
                        seen[name] = round(now, 2)
                        cursor = index + 1
                        break
            if result is None:
                if expect.search(line):
                    result, matched = "match", line.decode("utf-8", "replace").strip()
                    seen.setdefault("expect", round(now, 2))
                elif fail is not None and fail.search(line):
                    result, matched = "fail", line.decode("utf-8", "replace").strip()
                    seen.setdefault("fail", round(now, 2))
                if result is not None:
                    stop_at = time.monotonic() + args.grace

        while True:
            remaining = start + args.timeout - time.monotonic()
            if stop_at is not None:
                remaining = min(remaining, stop_at - time.monotonic())
            if remaining <= 0:
                break
            if not selector.select(timeout=min(remaining, 0.5)):
                if pending and result is None:
                    consider(pending, False)  # quiet for 0.5 s: a prompt waiting for input, no newline coming
                if process.poll() is not None:
                    break
                continue
            chunk = process.stdout.read()
            if not chunk:
                if process.poll() is not None:
                    break
                continue
            pending += chunk.replace(b"\r", b"")
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                consider(line, True)
        if pending:
            consider(pending, True)
        if result is None:
            result = "exit" if process.poll() is not None else "timeout"
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    summary = {
        "result": result,
        "matched": matched,
        "seconds": round(time.monotonic() - start, 2),
        "phases": dict(sorted(seen.items(), key=lambda kv: kv[1])),
        "qemuExit": process.returncode,
        "log": os.path.abspath(args.log),
    }
    text = json.dumps(summary)
    print(text)
    if args.summary:
        with open(args.summary, "w") as out:
            out.write(text + "\n")
    return 0 if result == "match" else 1


if __name__ == "__main__":
    sys.exit(main())
