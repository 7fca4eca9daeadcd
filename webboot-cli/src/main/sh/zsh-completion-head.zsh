#compdef webboot
# webboot's completion for zsh: picocli's generated completion (bash syntax, below) run through zsh's bashcompinit.
# zsh runs this file on the first completion of webboot; its `complete` binds webboot for the next ones, and the last
# line completes this first one.
autoload -U +X bashcompinit && bashcompinit
