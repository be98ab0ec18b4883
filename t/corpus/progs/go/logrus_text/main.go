package main

import (
	"os"

	log "github.com/sirupsen/logrus"
)

func main() {
	log.SetOutput(os.Stderr)
	log.SetLevel(log.TraceLevel)
	log.SetFormatter(&log.TextFormatter{DisableColors: true, FullTimestamp: true})
	log.Trace("entering reconcile loop")
	log.WithField("key", "pods/web-1").Debug("cache hit")
	log.WithFields(log.Fields{"addr": "127.0.0.1:7070", "workers": 4}).Info("listening")
	log.WithField("attempt", 2).Warn("lease renewal slow, retrying")
	log.WithField("error_count", 0).Info("health check passed")
	log.WithError(os.ErrPermission).Error("failed to write snapshot")
	log.Fatal("lost quorum, exiting")
}
