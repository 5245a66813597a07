"""Writes sensors.csv: three groups of three daily series with a weekly rhythm and noise, and one planted
anomaly (group beta, load far above normal on 2022-06-22 … 2022-06-24, inside test window 2022-06-20 …
2022-06-26). Deterministic: rerunning gives the same bytes. Run: python3 make_fixture.py"""
import datetime
import numpy as np

rng = np.random.default_rng(20240605)
start = datetime.date(2022, 1, 3)
days = 196
rows = ["date,group,temp,load,errors"]
for g, (base, amp) in enumerate([(20.0, 3.0), (15.0, 2.0), (25.0, 4.0)]):
    name = ["alpha", "beta", "gamma"][g]
    for d in range(days):
        week = 2 * np.pi * d / 7
        temp = base + amp * np.sin(week + g) + rng.normal(0, 0.3)
        load = 0.6 + 0.2 * np.cos(week) + rng.normal(0, 0.03)
        errors = max(0, round(1.5 + np.sin(week + 2 * g) + rng.normal(0, 0.5)))
        day = start + datetime.timedelta(days=d)
        if name == "beta" and datetime.date(2022, 6, 22) <= day <= datetime.date(2022, 6, 24):
            load += 1.5
        rows.append(f"{day.isoformat()},{name},{temp:.3f},{load:.4f},{errors}")
open("sensors.csv", "w").write("\n".join(rows) + "\n")
