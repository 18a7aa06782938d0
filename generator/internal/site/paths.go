package site

// Output names that several stages share have their owner here, so the
// page that links to a file and the stage that writes it cannot disagree.

// OfflineDir is the output folder of the offline copies.
const OfflineDir = "offline/"

// ZipName is the output name of a language's zip copy:
// offline/<stem>-<lang>.zip, stem being site.yaml's downloads.
func ZipName(stem, lang string) string { return OfflineDir + stem + "-" + lang + ".zip" }

// PocketName is the output name of a language's pocket file.
func PocketName(stem, lang string) string { return OfflineDir + stem + "-" + lang + "-pocket.html" }

// ZipName is ZipName with this site's download stem.
func (s *Site) ZipName(lang string) string { return ZipName(s.Config.DownloadStem(), lang) }

// PocketName is PocketName with this site's download stem.
func (s *Site) PocketName(lang string) string { return PocketName(s.Config.DownloadStem(), lang) }
