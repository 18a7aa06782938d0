package pipeline_test

import (
	"os"

	"mehfooz/generator/internal/offline"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/searchindex"
)

func init() {
	*pipeline.BenchIndexers = []pipeline.Indexer{searchindex.New(os.DirFS("../../../content"), "content", os.DirFS("../../../static"), "static")}
	*pipeline.BenchFinishers = []pipeline.Finisher{offline.New(os.DirFS("../../../layouts"), "layouts")}
}
