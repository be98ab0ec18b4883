package main

import (
	"encoding/json"
	"os"
	"time"
)

type entry struct {
	Time  string `json:"time"`
	Lvl   string `json:"lvl"`
	Msg   string `json:"msg"`
	Extra any    `json:"extra,omitempty"`
}

func emit(lvl, msg string, extra any) {
	json.NewEncoder(os.Stderr).Encode(entry{time.Now().UTC().Format(time.RFC3339Nano), lvl, msg, extra})
}

func main() {
	emit("dbug", "parsed 3 flags", nil)
	emit("info", "ready", map[string]int{"errors": 0})
	emit("warn", "disk 91% full", map[string]string{"mount": "/var"})
	emit("eror", "upload failed", map[string]string{"err": "connection refused"})
	emit("crit", "cannot allocate ring buffer, exiting", nil)
}
