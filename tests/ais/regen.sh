#!/usr/bin/env bash
# Regenerates the random differential vectors with the peer decoder
# (Debian gpsd-clients 3.22). Review the diff before committing.
set -eu
cd "$(dirname "$0")"
python3 gen_random.py 7 300 > random.nmea
gpsdecode -u -j < random.nmea | tr -d '\r' | sed 's/"device":"stdin",//' > random.ju.json
gpsdecode -j < random.nmea | tr -d '\r' | sed 's/"device":"stdin",//' > random.js.json
# A type 24 pair from an auxiliary craft (MMSI 98xxxxxxx): mothership MMSI.
gpsdecode -u -j < aux24.nmea | tr -d '\r' | sed 's/"device":"stdin",//' > aux24.ju.json
