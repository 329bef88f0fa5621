import json, sys
for line in sys.stdin:
    req = json.loads(line)
    c = req["config"]
    if c["x"] > 3.5:
        print(json.dumps({"status": "fail", "error": "x too large"}), flush=True)
    else:
        print(json.dumps({"loss": (c["x"] - 1) ** 2 + (0.5 if c["kind"] == "b" else 0.0), "attachments": {"trial": req["trial"]}}), flush=True)
