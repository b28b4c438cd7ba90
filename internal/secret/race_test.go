//go:build race

package secret

const raceEnabled = true
