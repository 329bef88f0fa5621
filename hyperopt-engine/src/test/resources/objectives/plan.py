#!/usr/bin/env python3
"""A test objective speaking the JSON-lines protocol.

Usage: plan.py BEHAVIOUR[,BEHAVIOUR...] [--sleep SECONDS] [--rendezvous FOLDER COUNT]
Trial t behaves as BEHAVIOUR number t modulo the list's length:
ok (loss = sum of squares of the numeric labels), nan, inf, noloss, string, fail,
garbage, array, exit, hang, raise, stderr (writes to stderr, then as ok), twolines,
curve (reports the values loss * (1 + 1/step) for steps 1..4 and reads the engine's answer after
each; told to prune, replies {"status": "pruned"}), curveignore (the same, but replies with its
loss even when told to prune), badstep (reports step 2, then step 1), nanreport (reports NaN).
Every ok reply attaches the process id and how many trials this process has seen.
With --rendezvous, each copy of the program, on its first trial, leaves a file named after
its process id in FOLDER and waits until COUNT copies have done so: the trials overlap, or
(after a minute) the first trial fails, saying how many copies met.
"""
import json
import os
import sys
import time

plan = sys.argv[1].split(",")
sleep = float(sys.argv[sys.argv.index("--sleep") + 1]) if "--sleep" in sys.argv else 0.0
rendezvous = sys.argv[sys.argv.index("--rendezvous") + 1:][:2] if "--rendezvous" in sys.argv else None
seen = 0


def meet(folder, count):
    """Waits until count copies have arrived in folder; returns how many did."""
    open(os.path.join(folder, str(os.getpid())), "w").close()
    end = time.monotonic() + 60
    while len(os.listdir(folder)) < count and time.monotonic() < end:
        time.sleep(0.01)
    return len(os.listdir(folder))


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def report(step, value):
    """Reports one intermediate value; returns whether the engine said to prune."""
    reply({"report": {"step": step, "value": value}})
    answer = json.loads(sys.stdin.readline())
    return answer["prune"]


for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    seen += 1
    t = req["trial"]
    b = plan[t % len(plan)]
    if rendezvous and seen == 1:
        met = meet(rendezvous[0], int(rendezvous[1]))
        if met < int(rendezvous[1]):
            reply({"status": "fail", "error": "only %d of %s copies met" % (met, rendezvous[1])})
            continue
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
    elif b in ("curve", "curveignore"):
        pruned = False
        for step in range(1, 5):
            if report(step, loss * (1 + 1.0 / step)):
                pruned = True
                break
        reply({"status": "pruned"} if pruned and b == "curve" else ok)
    elif b == "badstep":
        report(2, 1.0)
        report(1, 1.0)
        reply(ok)
    elif b == "nanreport":
        reply({"report": {"step": 1, "value": float("nan")}})
        reply(ok)
    elif b == "stderr":
        sys.stderr.write("warming up trial %d\n" % t)
        sys.stderr.flush()
        reply(ok)
    elif b == "twolines":
        sys.stdout.write("\n")
        reply(ok)
    else:
        raise SystemExit("unknown behaviour " + b)
