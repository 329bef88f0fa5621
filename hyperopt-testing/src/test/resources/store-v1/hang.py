import json, sys, time
for line in sys.stdin:
    req = json.loads(line)
    if req["trial"] == 3:
        time.sleep(3600)
    print(json.dumps({"loss": abs(req["config"]["x"])}), flush=True)
