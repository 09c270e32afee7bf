echo "removed $1"
