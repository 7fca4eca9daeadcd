
# The completion zsh asked for when it ran this file.
_bash_complete -o default -F _complete_webboot
