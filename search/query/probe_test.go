package query_test
import ("testing";"time";"mehfooz/search/query")
func TestProbeLatency(t *testing.T){
 for lang, data := range bigIndexes(t) {
   ix, _ := query.Open(data)
   for _, q := range benchQueries[lang] {
     start := time.Now(); var rs []query.Result
     for range 20 { rs = ix.Search(q, 10) }
     el := time.Since(start)/20
     first := ""
     if len(rs) > 0 { first = rs[0].URL + "#" + rs[0].Anchor }
     t.Logf("%s %-45q %8v %d results first %s", lang, q, el, len(rs), first)
   }
 }
}
