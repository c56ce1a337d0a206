"""The anchor of `argus-bench http`: the reference's stage-1 monitoring node as it serves
`/downtime` (downtime-reference.md §3) — FastAPI under uvicorn, one worker, the history in memory
as a list of events per address (with the reference's "up since 0" sentinel first), a plain `def`
route, and the reference's calculate_downtime (reproduced in reference_downtime.py). Its monitor
loop is left out: under load it would only add work.

usage: python3 reference_node.py HISTORY_JSON PORT
HISTORY_JSON: {"<address>": [{"state": "up"|"down", "timestamp": <int>}, ...], ...}
"""
import json
import os
import sys

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
import uvicorn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_downtime import calculate_downtime  # noqa: E402

history = json.load(open(sys.argv[1]))
nodes_events = {address: [{"state": "up", "timestamp": 0}] + events for address, events in history.items()}
app = FastAPI()


@app.get("/downtime")
def get_downtime(address: str, from_timestamp: int, to_timestamp: int):
    if address not in nodes_events:
        raise HTTPException(status_code=404, detail="Address not found")
    total = calculate_downtime(nodes_events[address], from_timestamp, to_timestamp)
    return JSONResponse({"address": address, "from_timestamp": from_timestamp, "to_timestamp": to_timestamp,
                         "total_downtime_seconds": total})


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
