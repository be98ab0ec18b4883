package main

import (
	"os"

	log "github.com/sirupsen/logrus"
)

func main() {
	log.SetOutput(os.Stderr)
	log.SetLevel(log.DebugLevel)
	log.SetFormatter(&log.JSONFormatter{})
	log.WithField("component", "scheduler").Debug("queue length 3")
	log.WithField("component", "scheduler").Info("job dispatched")
	log.WithFields(log.Fields{"component": "store", "retries": 3}).Warn("write timed out, will retry")
	log.WithFields(log.Fields{"component": "store"}).Error("write failed after retries")
	func() {
		defer func() { recover() }()
		log.WithField("component", "store").Panic("index corrupted")
	}()
	log.WithField("terror_alert", "none").Info("filter stats: referrer checks 100, failover 0")
}
