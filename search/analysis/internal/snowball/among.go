package snowball

type AmongF func(env *Env, ctx interface{}) bool

type Among struct {
	Str string
	A   int32
	B   int32
	F   AmongF
}
