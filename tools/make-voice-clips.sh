#!/bin/sh
# Regenerates the display's voice clips in web/public/audio/ (mono 16 kHz Ogg Vorbis).
# Needs espeak-ng and sox (Debian: apt-get install -y espeak-ng sox). The display joins the clips
# with Web Audio, so a call sounds the same on every hall PC, with or without a Chinese system voice.
set -eu
out="$(dirname "$0")/../web/public/audio"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say() { # say <file-name> <voice> <text>
  espeak-ng -v "$2" -s 175 -p 50 -w "$tmp/$1.wav" "$3"
  # Trim leading/trailing silence so joined clips flow, then downmix and shrink.
  sox "$tmp/$1.wav" -c 1 -r 16000 "$out/$1.ogg" silence 1 0.02 1% reverse silence 1 0.02 1% reverse \
    norm -3 pad 0 0.04
}

i=0
for d in 零 一 二 三 四 五 六 七 八 九; do
  say "$i" cmn "$d"
  i=$((i + 1))
done
say ten cmn 十
for l in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do
  say "$l" en "$l"
done
say qing cmn 请
say hao cmn 号
say dao cmn 到
say chuangkou cmn 窗口
say banli cmn 办理

# Two-tone chime (ding-dong) before each call.
sox -n -r 16000 -c 1 "$tmp/ding.wav" synth 0.35 sine 1318.5 fade q 0.01 0.35 0.3 vol 0.6
sox -n -r 16000 -c 1 "$tmp/dong.wav" synth 0.55 sine 1046.5 fade q 0.01 0.55 0.5 vol 0.6
sox "$tmp/ding.wav" "$tmp/dong.wav" "$out/chime.ogg" pad 0 0.15
ls -l "$out"
