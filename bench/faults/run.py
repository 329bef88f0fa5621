#!/usr/bin/env python3
"""Fault-injection benchmark of the shared stores.

For a given time per store it runs studies with a tune driver (`tune --workers`) and
worker processes (`hyperopt worker`) on a command objective whose trials sometimes hang,
die, or print garbage or NaN. Meanwhile it SIGKILLs drivers and workers at random and
starts them again, and (PostgreSQL) stops and starts the server. A study is done when its
driver exits 0; then it is checked: every trial number 0..N-1 present (else: lost), no two
trials with the same configuration and no more than N trials (else: duplicated), every
trial finished (else: stuck), every ok trial with the loss its configuration gives (else:
wrong). It prints a table and exits 1 when any of these counts is not 0.

    bench/faults/run.py --store sqlite --minutes 10
    .ci/with-postgres.sh bench/faults/run.py --store postgres --minutes 10

PostgreSQL needs HYPEROPT_TEST_PG and HYPEROPT_TEST_PG_CTL, as .ci/with-postgres.sh sets
them. Python 3 standard library only.
"""
import argparse
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HYPEROPT = os.path.join(ROOT, "bin", "hyperopt")

OBJECTIVE = r'''
import json, math, os, random, sys, time
rng = random.Random(int.from_bytes(os.urandom(8), "big"))
log = open(sys.argv[1], "a")
for line in sys.stdin:
    req = json.loads(line)
    c = req["config"]
    fault = rng.random()
    time.sleep(rng.uniform(0.02, 0.3))
    if fault < 0.03:
        log.write("%d hang\n" % req["trial"]); log.flush()
        time.sleep(3600)
    elif fault < 0.06:
        log.write("%d die\n" % req["trial"]); log.flush()
        os._exit(3)
    elif fault < 0.09:
        log.write("%d garbage\n" % req["trial"]); log.flush()
        print("not json {{{", flush=True)
    elif fault < 0.12:
        log.write("%d nan\n" % req["trial"]); log.flush()
        print('{"loss": NaN}', flush=True)
    else:
        loss = (c["x"] - 1) ** 2 + (c["y"] + 2) ** 2
        log.write("%d ok\n" % req["trial"]); log.flush()
        print(json.dumps({"loss": loss}), flush=True)
'''

SPACE = "space = { x: uniform(-5, 5), y: uniform(-5, 5) }\n"


def loss_of(config):
    return (config["x"] - 1) ** 2 + (config["y"] + 2) ** 2


class Proc:
    """One hyperopt process, its standard error kept in a file."""

    def __init__(self, kind, args, work, env, n):
        self.kind = kind
        self.err_path = os.path.join(work, "%s-%d.err" % (kind, n))
        self.err = open(self.err_path, "w")
        self.p = subprocess.Popen([HYPEROPT] + args, cwd=work, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=self.err, start_new_session=True)

    def alive(self):
        return self.p.poll() is None

    def kill(self):
        # The whole group: the objective programs it started die with it, as on a machine crash.
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.p.wait()
        self.err.close()

    def done(self):
        self.err.close()
        return self.p.returncode


def user_errors(path):
    """Lines of a process's standard error that show a problem to the user: a stack trace or a store error."""
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            s = line.rstrip("\n")
            if s.startswith("\tat ") or "Exception" in s or "database is locked" in s or s.startswith("hyperopt: store"):
                out.append(s)
    return out


def check(store, study, n, env, work):
    r = subprocess.run([HYPEROPT, "trials", "--study", study, "--store", store, "--json"], cwd=work, env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("trials failed: " + r.stderr.strip())
    trials = json.loads(r.stdout)["trials"]
    numbers = [t["trial"] for t in trials]
    lost = len(set(range(n)) - set(numbers))
    configs = [json.dumps(t["config"], sort_keys=True) for t in trials]
    duplicated = (len(configs) - len(set(configs))) + max(0, len(trials) - n)
    stuck = sum(1 for t in trials if t["status"] not in ("ok", "fail", "pruned"))
    wrong = sum(1 for t in trials if t["status"] == "ok" and abs(t["loss"] - loss_of(t["config"])) > 1e-9)
    ok = sum(1 for t in trials if t["status"] == "ok")
    return dict(trials=len(trials), ok=ok, failed=len(trials) - ok - stuck, lost=lost, duplicated=duplicated,
                stuck=stuck, wrong=wrong)


def run_store(kind, seconds, rng, keep):
    work = tempfile.mkdtemp(prefix="hyperopt-faults-")
    env = dict(os.environ)
    env.setdefault("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    ctl = None
    if kind == "sqlite":
        store = "sqlite:" + os.path.join(work, "faults.db")
    else:
        store = env.get("HYPEROPT_TEST_PG")
        ctl = env.get("HYPEROPT_TEST_PG_CTL")
        if not store or not ctl:
            print("postgres: skipped: run under .ci/with-postgres.sh (it sets HYPEROPT_TEST_PG and HYPEROPT_TEST_PG_CTL)",
                  file=sys.stderr)
            return None
    with open(os.path.join(work, "space.hspace"), "w") as f:
        f.write(SPACE)
    with open(os.path.join(work, "objective.py"), "w") as f:
        f.write(OBJECTIVE)
    evals = os.path.join(work, "evals.log")
    objective = "python3 objective.py " + evals
    per_study, n_workers = 30, 2
    totals = dict(studies=0, trials=0, ok=0, failed=0, lost=0, duplicated=0, stuck=0, wrong=0,
                  driver_kills=0, worker_kills=0, server_restarts=0, user_errors=0, faults=0)
    errors = []
    shown_errors = []
    end = time.monotonic() + seconds
    count = 0
    study_no = 0
    while time.monotonic() < end:
        study = "s%d" % study_no
        study_no += 1
        driver_args = ["tune", "space.hspace", "--objective-cmd", objective, "--workers", "--parallel", "4",
                       "--max-evals", str(per_study), "--trial-timeout", "3s", "--seed", str(study_no),
                       "--store", store, "--study", study, "--quiet"]
        worker_args = ["worker", "--store", store, "--study", study, "--lease", "3s", "--quiet"]
        procs = []

        def start(kind_, args):
            nonlocal count
            count += 1
            p = Proc(kind_, args, work, env, count)
            procs.append(p)
            return p

        driver = start("driver", driver_args)
        workers = [start("worker", worker_args) for _ in range(n_workers)]
        settle_by = None
        finished = False
        while True:
            now = time.monotonic()
            chaos = now < end
            if settle_by is None and not chaos:
                settle_by = now + 300
            if settle_by is not None and now > settle_by:
                break
            if not driver.alive():
                rc = driver.done()
                if rc == 0:
                    finished = True
                    break
                errors.append("driver exit %d: %s" % (rc, "; ".join(user_errors(driver.err_path))[:300]))
                driver = start("driver", driver_args)
            for i, w in enumerate(workers):
                if not w.alive():
                    rc = w.done()
                    if rc != 0:
                        errors.append("worker exit %d: %s" % (rc, "; ".join(user_errors(w.err_path))[:300]))
                    workers[i] = start("worker", worker_args)
            if chaos:
                roll = rng.random()
                if roll < 0.10:
                    driver.kill()
                    totals["driver_kills"] += 1
                    driver = start("driver", driver_args)
                elif roll < 0.35:
                    i = rng.randrange(n_workers)
                    workers[i].kill()
                    totals["worker_kills"] += 1
                    workers[i] = start("worker", worker_args)
                elif roll < 0.42 and ctl:
                    subprocess.run([ctl, "restart"], check=True)
                    totals["server_restarts"] += 1
            time.sleep(rng.uniform(0.5, 2.5))
        for w in workers:
            if w.alive():
                # The driver is done; a worker exits once it sees that. Give it a moment.
                deadline = time.monotonic() + 30
                while w.alive() and time.monotonic() < deadline:
                    time.sleep(0.2)
                if w.alive():
                    w.kill()
                else:
                    w.done()
        if not finished and driver.alive():
            driver.kill()
            errors.append("study %s did not finish within 5 minutes of the faults stopping" % study)
        for p in procs:
            if not p.err.closed:
                p.err.close()
            shown = [e for e in user_errors(p.err_path) if not e.startswith("\tat ")]
            totals["user_errors"] += len(shown)
            shown_errors.extend(shown)
        result = check(store, study, per_study, env, work)
        totals["studies"] += 1
        for k in ("trials", "ok", "failed", "lost", "duplicated", "stuck", "wrong"):
            totals[k] += result[k]
        if not finished:
            totals["stuck"] += per_study - result["trials"]
        print("%s %s: %s" % (kind, study, result), file=sys.stderr, flush=True)
    with open(evals) as f:
        totals["faults"] = sum(1 for line in f if not line.rstrip().endswith(" ok"))
    for what, n in collections.Counter(errors).most_common():
        print("%s: abnormal exit (%d times): %s" % (kind, n, what), file=sys.stderr)
    for what, n in collections.Counter(shown_errors).most_common():
        print("%s: shown to the user (%d times): %s" % (kind, n, what), file=sys.stderr)
    if keep:
        print("%s: files kept in %s" % (kind, work), file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    totals["abnormal_exits"] = len(errors)
    return totals


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", action="append", choices=["sqlite", "postgres"],
                    help="store to test (repeatable; default both)")
    ap.add_argument("--minutes", type=float, default=10, help="time of faults per store (default 10)")
    ap.add_argument("--seed", type=int, default=None, help="seed of the fault schedule (default: random, printed)")
    ap.add_argument("--keep", action="store_true", help="keep each store's work folder (logs, SQLite file)")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(1 << 31)
    print("faults: seed %d" % seed, file=sys.stderr)
    rng = random.Random(seed)
    results = {}
    for kind in a.store or ["sqlite", "postgres"]:
        r = run_store(kind, a.minutes * 60, rng, a.keep)
        if r is not None:
            results[kind] = r
    cols = ["studies", "trials", "ok", "failed", "faults", "driver_kills", "worker_kills", "server_restarts",
            "lost", "duplicated", "stuck", "wrong", "abnormal_exits", "user_errors"]
    print("| store | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for kind, r in results.items():
        print("| %s | " % kind + " | ".join(str(r[c]) for c in cols) + " |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(seed=seed, minutes=a.minutes, results=results), f, indent=1)
    bad = any(r[k] for r in results.values() for k in ("lost", "duplicated", "stuck", "wrong"))
    sys.exit(1 if bad or not results else 0)


if __name__ == "__main__":
    main()
