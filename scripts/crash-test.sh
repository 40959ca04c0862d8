#!/usr/bin/env bash
echo "crash-test: not written yet" >&2
exit 1
