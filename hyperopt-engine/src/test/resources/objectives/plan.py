#!/usr/bin/env python3
"""A test objective speaking the JSON-lines protocol.

Usage: plan.py BEHAVIOUR[,BEHAVIOUR...] [--sleep SECONDS]
Trial t behaves as BEHAVIOUR number t modulo the list's length:
ok (loss = sum of squares of the numeric labels), nan, inf, noloss, string, fail,
garbage, array, exit, hang, raise, stderr (writes to stderr, then as ok), twolines.
Every ok reply attaches the process id and how many trials this process has seen.
"""
import json
import os
import sys
import time

plan = sys.argv[1].split(",")
sleep = float(sys.argv[sys.argv.index("--sleep") + 1]) if "--sleep" in sys.argv else 0.0
seen = 0


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    seen += 1
    t = req["trial"]
    b = plan[t % len(plan)]
    if sleep:
        time.sleep(sleep)
    loss = sum(float(v) ** 2 for v in req["labels"].values() if isinstance(v, (int, float)))
    ok = {"loss": loss, "attachments": {"pid": os.getpid(), "seen": seen, "trial": t}}
    if b == "ok":
        reply(ok)
    elif b == "nan":
        reply({"loss": float("nan")})
    elif b == "inf":
        reply({"loss": float("inf")})
    elif b == "noloss":
        reply({"status": "ok"})
    elif b == "string":
        reply({"loss": "0.5"})
    elif b == "fail":
        reply({"status": "fail", "error": "diverged"})
    elif b == "garbage":
        sys.stdout.write("epoch 1/10 done\n")
        sys.stdout.flush()
    elif b == "array":
        reply([1, 2])
    elif b == "exit":
        sys.exit(3)
    elif b == "hang":
        time.sleep(600)
    elif b == "raise":
        raise ValueError("boom")
    elif b == "stderr":
        sys.stderr.write("warming up trial %d\n" % t)
        sys.stderr.flush()
        reply(ok)
    elif b == "twolines":
        sys.stdout.write("\n")
        reply(ok)
    else:
        raise SystemExit("unknown behaviour " + b)
