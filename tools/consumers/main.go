// Command pgha-consumers reads generated files with the Go code their consumers run:
// Docker Compose's loader (compose-go v2), gopkg.in/yaml.v3, kubectl's YAML reader
// (sigs.k8s.io/yaml) and the Zalando operator's own API types. It prints what each
// consumer sees as JSON on stdout and exits non-zero with the consumer's message on error.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

const usage = `usage: pgha-consumers <command> <args>
  compose <dir>            load <dir>/docker-compose.yml like 'docker compose config'
  yaml <file>...           every YAML document as gopkg.in/yaml.v3 reads it
  k8syaml <file>...        every YAML document as kubectl and Helm read it (sigs.k8s.io/yaml)
  postgresql <file>        every 'postgresql' object as the Zalando operator decodes it`

func main() {
	if len(os.Args) < 3 {
		fail(usage)
	}
	args := os.Args[2:]
	var (
		out any
		err error
	)
	switch os.Args[1] {
	case "compose":
		out, err = loadCompose(args[0])
	case "yaml":
		out, err = eachFile(args, readYamlV3)
	case "k8syaml":
		out, err = eachFile(args, readKubernetesYaml)
	case "postgresql":
		out, err = decodePostgresqls(args[0])
	default:
		fail(usage)
	}
	if err != nil {
		fail(err.Error())
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(out); err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}

// eachFile maps every file argument to the documents read from it.
func eachFile(files []string, read func([]byte) ([]any, error)) (map[string][]any, error) {
	result := map[string][]any{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		docs, err := read(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		result[file] = docs
	}
	return result, nil
}
