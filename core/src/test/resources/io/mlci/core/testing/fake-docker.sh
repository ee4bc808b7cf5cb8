#!/bin/bash
# A stand-in for the docker client, for tests on machines without a Docker engine. It logs every
# invocation's argv (words separated by the unit separator, one line each) to "log" beside itself and answers from files
# there: pull (ok | auth | notfound | hubdenied | network), present (image already on the agent),
# gpus (a10g | none | no-toolkit | no-driver), ps (the listing to print), mounts (JSON of the agent
# container's mounts), block (the training waits until stopped). A training "container" runs its
# command on this machine with only the variables named by -e, in the -w directory.
dir=$(cd "$(dirname "$0")" && pwd)
{ printf '%s\037' "$@"; printf '\n'; } >> "$dir/log"
setting() { [ -f "$dir/$1" ] && cat "$dir/$1" || echo "$2"; }
command=$1; shift
case "$command" in
  info) echo "27.0.0-stand-in" ;;
  version) echo "27.0.0-stand-in" ;;
  image)
    [ "$1" = inspect ] || exit 2
    [ -f "$dir/present" ] || { echo "Error: No such image: ${!#}" >&2; exit 1; }
    case "$3" in
      '{{.Id}}') echo "sha256:1111111111111111111111111111111111111111111111111111111111111111" ;;
      *) image=${!#}; echo "${image%%:*}@sha256:2222222222222222222222222222222222222222222222222222222222222222" ;;
    esac ;;
  pull)
    case "$(setting pull ok)" in
      ok) echo "Status: Downloaded newer image for $1"; touch "$dir/present" ;;
      auth) echo "Error response from daemon: Head \"https://registry.example.com/v2/team/train/manifests/1\": unauthorized: authentication required" >&2; exit 1 ;;
      notfound) echo "Error response from daemon: manifest for $1 not found: manifest unknown: manifest unknown" >&2; exit 1 ;;
      hubdenied) echo "Error response from daemon: pull access denied for $1, repository does not exist or may require 'docker login': denied: requested access to the resource is denied" >&2; exit 1 ;;
      network) echo "Error response from daemon: Get \"https://registry.example.com/v2/\": dial tcp: lookup registry.example.com: no such host" >&2; exit 1 ;;
    esac ;;
  ps) setting ps "" ;;
  inspect) setting mounts "[]" ;;
  stop) touch "$dir/stopped-${!#}" ;;
  rm) ;;
  run)
    workdir=.; names=(); entrypoint=; name=
    while [ $# -gt 0 ]; do
      case "$1" in
        --rm|--init|--privileged|--read-only) shift ;;
        -e|--env) names+=("$2"); shift 2 ;;
        -w|--workdir) workdir=$2; shift 2 ;;
        --entrypoint) entrypoint=$2; shift 2 ;;
        --name) name=$2; shift 2 ;;
        --*=*) shift ;;
        -*) shift 2 ;;
        *) break ;;
      esac
    done
    shift # the image
    if [ "$entrypoint" = nvidia-smi ]; then
      case "$(setting gpus a10g)" in
        a10g)
          if [ $# -eq 0 ]; then echo "| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4 |"
          else printf 'NVIDIA A10G, 23028 MiB, 550.54.15\nNVIDIA A10G, 23028 MiB, 550.54.15\n'; fi ;;
        none) echo "No devices were found"; exit 6 ;;
        no-toolkit) echo "docker: Error response from daemon: could not select device driver \"\" with capabilities: [[gpu]]." >&2; exit 125 ;;
        no-driver) echo "docker: Error response from daemon: failed to create task for container: nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown." >&2; exit 125 ;;
      esac
      exit 0
    fi
    if [ -f "$dir/block" ]; then
      echo "training in $name"
      while [ ! -f "$dir/stopped-$name" ]; do sleep 0.05; done
      exit 143
    fi
    vars=(PATH="$PATH")
    for variable in "${names[@]}"; do
      case "$variable" in *=*) vars+=("$variable") ;; *) vars+=("$variable=${!variable}") ;; esac
    done
    cd "$workdir" && exec env -i "${vars[@]}" "$@" ;;
  *) echo "stand-in docker: unknown command $command" >&2; exit 2 ;;
esac
