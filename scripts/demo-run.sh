#!/usr/bin/env bash
echo "demo-run: not written yet" >&2
exit 1
