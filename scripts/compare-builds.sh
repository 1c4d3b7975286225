#!/bin/sh
# Times two lectern binaries building the same deck, run alternately:
#   scripts/compare-builds.sh OLD-BINARY NEW-BINARY DECK.yaml RUNS
# prints "old-ms new-ms" per run (wall time of `lectern build`, date +%s%N).
set -eu
old=$1 new=$2 deck=$3 runs=$4
out=$(mktemp -d)
i=0
while [ "$i" -lt "$runs" ]; do
  s=$(date +%s%N); "$old" build "$deck" -o "$out/old.pdf" >/dev/null 2>&1; e=$(date +%s%N)
  s2=$(date +%s%N); "$new" build "$deck" -o "$out/new.pdf" >/dev/null 2>&1; e2=$(date +%s%N)
  echo "$(( (e - s) / 1000000 )) $(( (e2 - s2) / 1000000 ))"
  i=$((i + 1))
done
rm -rf "$out"
