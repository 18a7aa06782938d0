package build_test

import (
	"os"

	"mehfooz/generator/internal/build"
	"mehfooz/generator/internal/offline"
	"mehfooz/generator/internal/searchindex"
)

func init() {
	*build.BenchIndexers = []build.Indexer{searchindex.New(os.DirFS("../../../content"), "content", os.DirFS("../../../static"), "static")}
	*build.BenchFinishers = []build.Finisher{offline.New(os.DirFS("../../../layouts"), "layouts")}
}
