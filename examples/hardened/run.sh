#!/bin/sh
# The shop's cache started by hand, securely: dt10 reports nothing.
set -eu

docker run -d --name cache \
  --user 10003:10003 \
  --read-only --tmpfs /tmp \
  --cap-drop ALL \
  --security-opt no-new-privileges \
  --memory 128m --cpus 0.25 --pids-limit 100 \
  --network backend \
  --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 \
  -v cache-data:/data \
  shop/cache:1.4@sha256:3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b
