#!/usr/bin/env python3
"""The Optuna anchors of the multi-fidelity bench, and the Python twin of its curves.

Usage:
  optuna_anchor.py version
  optuna_anchor.py curves PROBLEMS --problem NAME
      reads one configuration a line on standard input (a JSON object, the problem's
      parameters by name, as the bench's spaces name them) and writes its curve a line:
      {"values": [...], "final": x}
  optuna_anchor.py run PROBLEMS --problem NAME --pruner hyperband|sha|none --seeds 0,1,... --horizon STEPS
      runs Optuna's TPESampler (seeded with the seed, defaults otherwise) with the pruner on
      the problem, one search per seed, and writes one JSON object a line per search

PROBLEMS is the bench's problems.json; the recorded tables are read from beside it. The
synthetic curves are those of the bench's Java code (dev.hyperopt.suite.fidelity.SyntheticCurves),
written here operation for operation; the keyed noise and the Hartmann function come from
bench/problems.py, the reference implementation of the main suite. `curves` needs only the
standard library; `run` needs Optuna (Debian's python3-optuna).

A search counts steps exactly as the Java bench does: every report uses one step of the
budget, a trial is asked whether to stop after each report but the last, and when the steps
are spent the search stops inside the trial it was in.
"""
import argparse
import csv
import decimal
import gzip
import json
import math
import os
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import problems as suite  # noqa: E402  (bench/problems.py)


# ----------------------------------------------------------------------------
# Curves
# ----------------------------------------------------------------------------
def _bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def synthetic_key(x):
    h = 0
    for xi in x:
        h = suite.mix64(h ^ _bits(xi))
    return h >> 32


class Synthetic:
    """value(x, t) = f(x) + a(x) * t^-b(x) + noise * (T - t) / (T - 1) * eps(key(x), t)."""

    def __init__(self, spec):
        self.steps = spec["max_steps"]
        self.noise = float(spec["noise"])

    def curve(self, params):
        x = [float(params["x%d" % i]) for i in range(6)]
        f = suite.f_hartmann6({"x%d" % i: x[i] for i in range(6)}, 0, 0)[0]
        a = 0.5 + 2.0 * x[0]
        b = 0.3 + 1.2 * x[1]
        key = synthetic_key(x)
        values = []
        for t in range(1, self.steps + 1):
            scale = self.noise * (self.steps - t) / (self.steps - 1)
            values.append(f + a * math.pow(t, -b) + scale * suite.std_normal(key, t))
        return values, f + a * math.pow(self.steps, -b)


_CANON = decimal.Context(prec=9, rounding=decimal.ROUND_HALF_UP)


def canonical(v):
    """Numbers to 9 significant digits, as the Java table does; strings as they are."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        d = _CANON.plus(decimal.Decimal(float(v))).normalize(_CANON)
        return format(d, "f")
    return str(v)


def _cell(text):
    try:
        return float(text)
    except ValueError:
        return text


class Table:
    """Curves replayed from a recorded CSV table (see the Java CurveTable)."""

    def __init__(self, spec, directory):
        self.params = spec["params"]
        self.rule = spec.get("final", "last")
        path = os.path.join(directory, spec["table"])
        opener = gzip.open if path.endswith(".gz") else open
        prefix = spec["step_prefix"]
        self.rows = {}
        with opener(path, "rt", encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            steps = []
            t = 1
            while prefix + str(t) in header:
                steps.append(header.index(prefix + str(t)))
                t += 1
            self.steps = len(steps)
            at = {p: header.index(p) for p in self.params}
            for row in reader:
                if not row:
                    continue
                config = {p: _cell(row[at[p]]) for p in self.params if row[at[p]] != ""}
                values = [float(row[i]) for i in steps]
                final = values[-1] if self.rule == "last" else sum(values) / len(values)
                self.rows[self.key(config)] = (values, final)

    def key(self, config):
        return ", ".join("%s=%s" % (p, canonical(config[p])) for p in self.params if p in config)

    def curve(self, params):
        unknown = set(params) - set(self.params)
        if unknown:
            raise ValueError("the table has no column for %s" % sorted(unknown))
        k = self.key(params)
        if k not in self.rows:
            raise ValueError("no recorded curve for " + k)
        return self.rows[k]


def load_problem(problems_file, name):
    with open(problems_file) as f:
        doc = json.load(f)
    for p in doc["problems"]:
        if p["name"] == name:
            if p["kind"] == "synthetic":
                return p, Synthetic(p)
            return p, Table(p, os.path.dirname(os.path.abspath(problems_file)))
    raise SystemExit("no multi-fidelity problem '%s'" % name)


# ----------------------------------------------------------------------------
# The problems' spaces for Optuna, as their .hspace files draw them
# ----------------------------------------------------------------------------
def suggest_synthetic(trial):
    return {"x%d" % i: trial.suggest_float("x%d" % i, 0.0, 1.0) for i in range(6)}


def suggest_dl4j(trial):
    # lr: 10 ** (uniformint(-8, -3) / 2); hidden: 2 ** uniformint(5, 8); dropout: quniform(0, 0.5, 0.25); batch: choice(64, 256)
    return {
        "lr": 10 ** (trial.suggest_int("lr_half_decades", -8, -3) / 2),
        "hidden": 2 ** trial.suggest_int("hidden_log2", 5, 8),
        "dropout": trial.suggest_float("dropout", 0.0, 0.5, step=0.25),
        "batch": trial.suggest_categorical("batch", [64, 256]),
    }


def suggest_weka(trial):
    learner = trial.suggest_categorical("learner", ["j48", "rf", "knn", "smo", "logistic"])
    p = {"learner": learner}
    if learner == "j48":
        p["j48_confidence"] = trial.suggest_float("j48_confidence", 0.1, 0.5, step=0.1)
        p["j48_min_leaf"] = 2 ** trial.suggest_int("j48_min_leaf_log2", 0, 5)
    elif learner == "rf":
        p["rf_trees"] = 10 * 3 ** trial.suggest_int("rf_trees_log3", 0, 2)
        p["rf_features"] = 2 ** trial.suggest_int("rf_features_log2", 0, 4)
        p["rf_depth"] = 2 ** trial.suggest_int("rf_depth_log2", 2, 5)
    elif learner == "knn":
        p["knn_k"] = 2 * trial.suggest_int("knn_half_k", 0, 15) + 1
        p["knn_weight"] = trial.suggest_categorical("knn_weight", ["none", "inverse"])
    elif learner == "smo":
        p["smo_c"] = 10 ** trial.suggest_int("smo_c_log10", -2, 2)
        p["smo_gamma"] = 10 ** trial.suggest_int("smo_gamma_log10", -3, 0)
    else:
        p["logistic_ridge"] = 10 ** trial.suggest_int("logistic_ridge_log10", -8, 2)
    return p


SUGGEST = {"synthetic_hartmann": suggest_synthetic, "dl4j_fashion": suggest_dl4j, "weka_folds": suggest_weka}


# ----------------------------------------------------------------------------
# Searches
# ----------------------------------------------------------------------------
def make_pruner(optuna, name):
    if name == "hyperband":
        return optuna.pruners.HyperbandPruner(min_resource=1, max_resource="auto", reduction_factor=3)
    if name == "sha":
        return optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3, min_early_stopping_rate=0)
    if name == "none":
        return optuna.pruners.NopPruner()
    raise SystemExit("unknown pruner '%s' (hyperband, sha, none)" % name)


def search(optuna, spec, curves, pruner_name, seed, horizon):
    suggest = SUGGEST.get(spec["name"])
    if suggest is None:
        raise SystemExit("no Optuna space for problem '%s'" % spec["name"])
    state = {"used": 0, "trials": 0, "completed": 0, "pruned": 0, "best": math.inf, "improvements": []}

    def objective(trial):
        values, final = curves.curve(suggest(trial))
        state["trials"] += 1
        steps = len(values)
        for t in range(1, steps + 1):
            if state["used"] >= horizon:
                trial.study.stop()
                raise optuna.TrialPruned()
            state["used"] += 1
            trial.report(values[t - 1], t)
            if t < steps and trial.should_prune():
                state["pruned"] += 1
                raise optuna.TrialPruned()
        state["completed"] += 1
        if final < state["best"]:
            state["best"] = final
            state["improvements"].append([state["used"], final])
        if state["used"] >= horizon:
            trial.study.stop()
        return final

    # A fixed study name: Optuna's Hyperband assigns trials to brackets by a hash of it, so a
    # random one would make the search differ from run to run with the same seed.
    study = optuna.create_study(study_name="%s-%s-%d" % (spec["name"], pruner_name, seed),
                                sampler=optuna.samplers.TPESampler(seed=seed), pruner=make_pruner(optuna, pruner_name))
    t0 = time.perf_counter()
    study.optimize(objective, n_trials=horizon + 1)
    return {
        "problem": spec["name"], "arm": "optuna:" + pruner_name, "seed": seed, "budget": spec["budget"], "horizon": horizon,
        "improvements": state["improvements"], "steps_used": state["used"], "trials": state["trials"],
        "completed": state["completed"], "pruned": state["pruned"], "wall_seconds": time.perf_counter() - t0,
        "optuna": optuna.__version__,
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["version", "curves", "run"])
    ap.add_argument("problems", nargs="?")
    ap.add_argument("--problem")
    ap.add_argument("--pruner", default="hyperband")
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--horizon", type=int)
    a = ap.parse_args(argv)
    if a.command == "version":
        import optuna
        print(optuna.__version__)
        return 0
    if not a.problems or not a.problem:
        ap.error("%s needs PROBLEMS and --problem" % a.command)
    spec, curves = load_problem(a.problems, a.problem)
    if a.command == "curves":
        for line in sys.stdin:
            if not line.strip():
                continue
            values, final = curves.curve(json.loads(line))
            print(json.dumps({"values": values, "final": final}), flush=True)
        return 0
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    horizon = a.horizon if a.horizon else spec["budget"]
    for seed in (int(s) for s in a.seeds.split(",") if s.strip()):
        print(json.dumps(search(optuna, spec, curves, a.pruner, seed, horizon)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
