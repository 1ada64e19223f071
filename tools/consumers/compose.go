package main

import (
	"context"
	"encoding/json"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

// loadCompose loads <dir>/docker-compose.yml the way 'docker compose config' does: the
// project directory's .env and the process environment feed interpolation, and the
// loader validates against the Compose Specification schema it embeds.
func loadCompose(dir string) (any, error) {
	options, err := cli.NewProjectOptions(
		[]string{filepath.Join(dir, "docker-compose.yml")},
		cli.WithWorkingDirectory(dir),
		cli.WithOsEnv,
		cli.WithEnvFiles(),
		cli.WithDotEnv,
	)
	if err != nil {
		return nil, err
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return nil, err
	}
	data, err := project.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return json.RawMessage(data), nil
}
