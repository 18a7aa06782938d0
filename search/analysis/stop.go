package analysis

// englishStopWords are dropped from Latin text before stemming: the
// Snowball English list (with its contractions) and "please" as typed
// (a plea, never a topic: "help me please" is about help), plus the
// commonest Roman Urdu function words, which carry no topic ("meri photo
// viral ho gayi" is about "photo viral"), with the spellings of text
// messages (kr rha h).
// Keep words that name a harm or a place out of here.
const englishStopWords = `
a about above after again against all am an and any are aren't as at
be because been before being below between both but by
can can't cannot could couldn't
did didn't do does doesn't doing don't down during
each few for from further
had hadn't has hasn't have haven't having he he'd he'll he's her here here's
hers herself him himself his how how's
i i'd i'll i'm i've if in into is isn't it it's its itself
let's me more most mustn't my myself
no nor not of off on once only or other ought our ours ourselves out over own
same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these
they they'd they'll they're they've this those through to too
under until up very
was wasn't we we'd we'll we're we've were weren't what what's when when's
where where's which while who who's whom why why's will with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves
please plz pls

aap apna apni apne aur bhi hai hain ho hoon hum hy ka kay ke ki ko koi kuch
kya kyun main mein mera meri mere mujhe mujh ne nahi nahin par pe se tha
the thi thay tum tumhara wo woh ya ye yeh
kar kr karna karni karo kare karen karein karta karti karte kiya kia
raha rahi rahe gaya gayi gaye gai diya dia di hua hui hue hoga hogi kaise kese
h hn hun rha rhi rhe gya gyi gye hogya hogaya hogyi hogai krne karne krna kro
krta krti krte karun karoon karu`

// urduStopWords are the Urdu function words dropped from Arabic-script
// text. They are folded at start-up, so write them in standard Urdu.
const urduStopWords = `
آپ اپنا اپنی اپنے اس اسے ان انہیں اور اگر ایک بھی پر تک تو تھا تھی تھے
جب جس جن جو سے سب کا کر کرتا کرتی کرتے کرنا کریں کو کوئی کہ کی کیا
کے کچھ گا گی گئی گئے گیا لیکن لیے لئے مگر مجھے میں میرا میری میرے نہ
نہیں نے والا والی والے وہ ہم ہو ہوں ہوتا ہوتی ہوتے ہی ہیں ہے یا یہ
رہا رہی رہے دیا دی دیں ہوا ہوئی ہوئے`

var (
	englishStop = wordSet(englishStopWords, false)
	urduStop    = wordSet(urduStopWords, true)
)

func wordSet(list string, fold bool) map[string]bool {
	words := fields(list)
	set := make(map[string]bool, len(words)) // sized once: no rehashing at the module's start
	for _, w := range words {
		if fold {
			w = Fold(w)
		}
		set[w] = true
	}
	return set
}

// fields splits list at ASCII spaces and newlines; strings.Fields would
// link the Unicode space tables into the browser module.
func fields(list string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(list); i++ {
		if i == len(list) || list[i] == ' ' || list[i] == '\n' || list[i] == '\t' {
			if start >= 0 {
				out = append(out, list[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}
