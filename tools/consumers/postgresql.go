package main

import (
	"encoding/json"
	"os"
	"strings"

	acidv1 "github.com/zalando/postgres-operator/pkg/apis/acid.zalan.do/v1"
	kjson "sigs.k8s.io/json"
)

// operatorView is what the operator makes of one postgresql object at decode time.
type operatorView struct {
	Name string `json:"name"`
	// Status is the status the operator sets: "Invalid" when decoding failed.
	Status string `json:"status"`
	// Error is the decode error the operator records; such objects are never created or synced.
	Error string `json:"error"`
	// UnknownFields are fields the operator's types do not have (it never reads them).
	UnknownFields []string `json:"unknownFields"`
	// ClusterNameError is the operator's {TEAM}-{NAME} check, applied when its
	// enable_team_id_clustername_prefix option is on.
	ClusterNameError string `json:"clusterNameError"`
	// Spec is the spec as the operator's types hold it, encoded again.
	Spec json.RawMessage `json:"spec"`
}

// strictPostgresql has Postgresql's fields without its UnmarshalJSON, so a strict
// decode can list the fields the operator's types drop.
type strictPostgresql acidv1.Postgresql

// decodePostgresqls decodes every postgresql object of a manifest stream with the
// operator's own types and their UnmarshalJSON rules (maintenance windows, clone).
func decodePostgresqls(file string) ([]operatorView, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	docs, err := kubernetesJSONDocuments(data)
	if err != nil {
		return nil, err
	}
	views := []operatorView{}
	for _, raw := range docs {
		var kind struct{ Kind string }
		if err := json.Unmarshal(raw, &kind); err != nil {
			return nil, err
		}
		if kind.Kind != "postgresql" {
			continue
		}
		view, err := decodePostgresql(raw)
		if err != nil {
			return nil, err
		}
		views = append(views, view)
	}
	return views, nil
}

func decodePostgresql(raw []byte) (operatorView, error) {
	var pg acidv1.Postgresql
	if err := json.Unmarshal(raw, &pg); err != nil {
		return operatorView{}, err
	}
	view := operatorView{
		Name:          pg.Name,
		Status:        pg.Status.PostgresClusterStatus,
		Error:         pg.Error,
		UnknownFields: []string{},
	}
	var strict strictPostgresql
	strictErrors, _ := kjson.UnmarshalStrict(raw, &strict)
	for _, e := range strictErrors {
		if field, ok := strings.CutPrefix(e.Error(), "unknown field "); ok {
			view.UnknownFields = append(view.UnknownFields, strings.Trim(field, `"`))
		}
	}
	if _, err := acidv1.ExtractClusterName(pg.Name, pg.Spec.TeamID); err != nil {
		view.ClusterNameError = err.Error()
	}
	spec, err := json.Marshal(pg.Spec)
	if err != nil {
		return operatorView{}, err
	}
	view.Spec = spec
	return view, nil
}
