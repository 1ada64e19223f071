package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	yamlv3 "gopkg.in/yaml.v3"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsyaml "sigs.k8s.io/yaml"
)

// readYamlV3 decodes every document of a stream with yaml.v3 into plain values.
func readYamlV3(data []byte) ([]any, error) {
	decoder := yamlv3.NewDecoder(bytes.NewReader(data))
	docs := []any{}
	for {
		var doc any
		err := decoder.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, jsonable(doc))
	}
}

// readKubernetesYaml splits a stream and converts each document the way kubectl apply
// and Helm do: apimachinery's document reader, then sigs.k8s.io/yaml to JSON.
func readKubernetesYaml(data []byte) ([]any, error) {
	docs := []any{}
	jsonDocs, err := kubernetesJSONDocuments(data)
	if err != nil {
		return nil, err
	}
	for _, raw := range jsonDocs {
		docs = append(docs, json.RawMessage(raw))
	}
	return docs, nil
}

// kubernetesJSONDocuments is every non-empty document of a stream as JSON.
func kubernetesJSONDocuments(data []byte) ([][]byte, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][]byte
	for {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		raw, err := sigsyaml.YAMLToJSON(chunk)
		if err != nil {
			return nil, err
		}
		if string(bytes.TrimSpace(raw)) != "null" {
			docs = append(docs, raw)
		}
	}
}

// jsonable turns decoded YAML into values encoding/json accepts: keys become strings,
// and NaN and the infinities become the strings JavaScript prints for them.
func jsonable(value any) any {
	switch v := value.(type) {
	case map[string]any:
		for key, item := range v {
			v[key] = jsonable(item)
		}
		return v
	case map[any]any:
		result := make(map[string]any, len(v))
		for key, item := range v {
			result[fmt.Sprint(key)] = jsonable(item)
		}
		return result
	case []any:
		for i, item := range v {
			v[i] = jsonable(item)
		}
		return v
	case float64:
		switch {
		case math.IsNaN(v):
			return "NaN"
		case math.IsInf(v, 1):
			return "Infinity"
		case math.IsInf(v, -1):
			return "-Infinity"
		}
	}
	return value
}
