#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Times a network in OpenCV DNN (4.6 from apt, python3-opencv) for compare_runtimes.sh.
Prints one JSON line {median_ms, min_ms, runs, threads}.
    opencv_dnn_bench.py MODEL.pb|MODEL.onnx [--runs N] [--threads T] [--size 224]"""
import argparse, json, statistics, time

import cv2
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("model")
p.add_argument("--runs", type=int, default=20)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--size", type=int, default=224)
a = p.parse_args()
cv2.setNumThreads(a.threads)
net = cv2.dnn.readNet(a.model)
net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
rng = np.random.default_rng(1)
blob = rng.random((1, 3, a.size, a.size), dtype=np.float32)
net.setInput(blob)
net.forward()  # first run: allocation and layer fusion
times = []
for _ in range(a.runs):
    t = time.perf_counter()
    net.setInput(blob)
    net.forward()
    times.append((time.perf_counter() - t) * 1e3)
print(json.dumps({"runtime": "opencv-dnn", "median_ms": statistics.median(times), "min_ms": min(times),
                  "runs": len(times), "threads": a.threads}))
