package output

import "testing"

// A Sink that takes whole files only still gets a streamed file, in one
// Write when the stream closes.
func TestCreateBuffersForPlainSinks(t *testing.T) {
	sink := &wholeFiles{got: map[string]string{}}
	w, err := Create(sink, "offline/a.zip")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("PK"))
	w.Write([]byte("..."))
	if len(sink.got) != 0 {
		t.Error("written before Close")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if sink.got["offline/a.zip"] != "PK..." || sink.writes != 1 {
		t.Errorf("sink got %q in %d writes", sink.got, sink.writes)
	}
}

type wholeFiles struct {
	got    map[string]string
	writes int
}

func (s *wholeFiles) Write(name string, data []byte) ([]byte, error) {
	s.got[name] = string(data)
	s.writes++
	return data, nil
}

func (s *wholeFiles) Asset(name string, data []byte) (string, error) { return name, nil }

func (s *wholeFiles) RawAsset(name string, data []byte) (string, error) { return name, nil }
