<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AnimationDialog</name>
    <message>
        <source>Export Animation</source>
        <translation>애니메이션 내보내기</translation>
    </message>
    <message>
        <source>Record the whole window, or one panel without the rest</source>
        <translation>창 전체를 기록하거나, 나머지 없이 패널 하나만 기록합니다</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>기록 대상(&amp;R):</translation>
    </message>
    <message>
        <source>The step of the first frame</source>
        <translation>첫 프레임의 시점</translation>
    </message>
    <message>
        <source>The step of the last frame; below the first, the animation runs backwards (as BPTT does)</source>
        <translation>마지막 프레임의 시점. 첫 시점보다 작으면 애니메이션이 (BPTT처럼) 거꾸로 진행합니다</translation>
    </message>
    <message>
        <source>to</source>
        <translation>에서</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>시점(&amp;S):</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 프레임/초</translation>
    </message>
    <message>
        <source>One frame per time step: how many steps pass in a second</source>
        <translation>시점 하나에 프레임 하나: 1초에 몇 시점이 지나가는지</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>속도(&amp;P):</translation>
    </message>
    <message>
        <source>Reveal up to t (the sequence arrives step by step)</source>
        <translation>t까지 드러내기 (시퀀스가 한 시점씩 들어옴)</translation>
    </message>
    <message>
        <source>Whole sequence (a cursor moves over it)</source>
        <translation>전체 시퀀스 (커서가 그 위를 움직임)</translation>
    </message>
    <message>
        <source>Reveal up to t: each frame shows the steps the network has seen so far (the gradient panel: the steps BPTT has reached). Whole sequence: every step, with the cursor at t. Your time step and display mode are put back afterwards.</source>
        <translation>t까지 드러내기: 각 프레임은 신경망이 지금까지 본 시점들을 보여 줍니다 (기울기 패널은 BPTT가 닿은 시점들). 전체 시퀀스: 모든 시점을 보여 주고 커서가 t에 있습니다. 끝나면 지금의 시점과 표시 방식으로 되돌립니다.</translation>
    </message>
    <message>
        <source>&amp;Display:</source>
        <translation>표시(&amp;D):</translation>
    </message>
    <message>
        <source>Smaller frames make much smaller files</source>
        <translation>프레임이 작을수록 파일이 훨씬 작아집니다</translation>
    </message>
    <message>
        <source>Si&amp;ze:</source>
        <translation>크기(&amp;Z):</translation>
    </message>
    <message>
        <source>Animated &amp;GIF</source>
        <translation>움직이는 GIF(&amp;G)</translation>
    </message>
    <message>
        <source>Plays in slides, browsers and chat; loops forever</source>
        <translation>슬라이드, 브라우저, 메신저에서 재생되며 끝없이 반복됩니다</translation>
    </message>
    <message>
        <source>&amp;MP4 video</source>
        <translation>MP4 동영상(&amp;M)</translation>
    </message>
    <message>
        <source>Smaller and smoother than a GIF for long sequences; made by ffmpeg</source>
        <translation>긴 시퀀스에서는 GIF보다 작고 부드럽습니다. ffmpeg가 만듭니다</translation>
    </message>
    <message>
        <source>MP4 needs ffmpeg, which was not found on PATH: install ffmpeg and open this dialog again</source>
        <translation>MP4에는 ffmpeg가 필요한데 PATH에서 찾지 못했습니다. ffmpeg를 설치하고 이 대화 상자를 다시 여세요</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>형식:</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>{0} % ({1} × {2} pixels)</source>
        <translation>{0} % ({1} × {2} 픽셀)</translation>
    </message>
    <message>
        <source>{0} frames, {1} seconds.</source>
        <translation>프레임 {0}개, {1}초.</translation>
    </message>
</context>
<context>
    <name>AnimationExport</name>
    <message>
        <source>Copy &amp;Panel Image</source>
        <translation>패널 이미지 복사(&amp;P)</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>이미지 복사</translation>
    </message>
    <message>
        <source>Put a picture of this panel on the clipboard, to paste into slides</source>
        <translation>이 패널의 그림을 클립보드에 넣습니다. 슬라이드에 붙여 넣을 수 있습니다</translation>
    </message>
    <message>
        <source>Export Animation…</source>
        <translation>애니메이션 내보내기…</translation>
    </message>
    <message>
        <source>Click a panel first: its picture goes to the clipboard (Ctrl+Shift+C)</source>
        <translation>먼저 패널을 클릭하세요. 그 패널의 그림이 클립보드에 들어갑니다 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Copy Image of “{0}”</source>
        <translation>“{0}” 이미지 복사</translation>
    </message>
    <message>
        <source>Put a picture of the panel you clicked last on the clipboard (Ctrl+Shift+C)</source>
        <translation>마지막으로 클릭한 패널의 그림을 클립보드에 넣습니다 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Click a panel first, then copy its image.</source>
        <translation>먼저 패널을 클릭한 다음 그 이미지를 복사하세요.</translation>
    </message>
    <message>
        <source>Copied the image of “{0}” ({1} × {2} pixels).</source>
        <translation>“{0}” 이미지를 복사했습니다 ({1} × {2} 픽셀).</translation>
    </message>
    <message>
        <source>The whole window</source>
        <translation>창 전체</translation>
    </message>
    <message>
        <source>Animated GIF images (*.gif)</source>
        <translation>움직이는 GIF 이미지 (*.gif)</translation>
    </message>
    <message>
        <source>MP4 videos (*.mp4)</source>
        <translation>MP4 동영상 (*.mp4)</translation>
    </message>
    <message>
        <source>Export Animation</source>
        <translation>애니메이션 내보내기</translation>
    </message>
    <message>
        <source>Recording the animation…</source>
        <translation>애니메이션을 기록하는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Frame {0} of {1} (t = {2})</source>
        <translation>프레임 {0} / {1} (t = {2})</translation>
    </message>
    <message>
        <source>Animation export cancelled: no file was written.</source>
        <translation>애니메이션 내보내기를 취소했습니다. 파일을 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Cannot export the animation</source>
        <translation>애니메이션을 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {0} ({1} frames).</source>
        <translation>{0}을(를) 내보냈습니다 (프레임 {1}개).</translation>
    </message>
</context>
<context>
    <name>ArrayTableModel</name>
    <message>
        <source>Edit {0}[{1}, {2}]</source>
        <translation>{0}[{1}, {2}] 편집</translation>
    </message>
    <message>
        <source>Paste rows of equally many numbers.</source>
        <translation>같은 개수의 숫자로 된 행을 붙여 넣으세요.</translation>
    </message>
    <message>
        <source>The pasted {0}×{1} block does not fit from row {2}, column {3}.</source>
        <translation>붙여 넣은 {0}×{1} 블록이 {2}행 {3}열부터 들어가지 않습니다.</translation>
    </message>
    <message>
        <source>Paste into {0}</source>
        <translation>{0}에 붙여 넣기</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Autosave works again.</source>
        <translation>자동 저장이 다시 됩니다.</translation>
    </message>
    <message>
        <source>Autosave failing</source>
        <translation>자동 저장 실패 중</translation>
    </message>
    <message>
        <source>The last autosave failed: {0}
LSTM Studio keeps working and tries again every {1} s. Save the session yourself (File ▸ Save As…) to a place with room.</source>
        <translation>마지막 자동 저장이 실패했습니다: {0}
LSTM Studio는 계속 동작하며 {1}초마다 다시 시도합니다. 공간이 있는 곳에 세션을 직접 저장하세요 (파일 ▸ 다른 이름으로 저장…).</translation>
    </message>
    <message>
        <source>Autosave failed: {0} It will be tried again.</source>
        <translation>자동 저장 실패: {0} 다시 시도합니다.</translation>
    </message>
    <message>
        <source>an untitled session</source>
        <translation>제목 없는 세션</translation>
    </message>
    <message>
        <source>Restore unsaved session?</source>
        <translation>저장하지 않은 세션을 복원할까요?</translation>
    </message>
    <message>
        <source>LSTM Studio did not close properly last time. Unsaved changes to {0} were autosaved. Restore them?</source>
        <translation>지난번에 LSTM Studio가 정상적으로 종료되지 않았습니다. {0}의 저장하지 않은 변경 사항이 자동 저장되어 있습니다. 복원할까요?</translation>
    </message>
    <message>
        <source>It was set aside as {0}.</source>
        <translation>{0}(으)로 따로 보관했습니다.</translation>
    </message>
    <message>
        <source>It could not be set aside either.</source>
        <translation>따로 보관할 수도 없었습니다.</translation>
    </message>
    <message>
        <source>Cannot restore the session</source>
        <translation>세션을 복원할 수 없습니다</translation>
    </message>
    <message>
        <source>Restored the autosaved session.</source>
        <translation>자동 저장된 세션을 복원했습니다.</translation>
    </message>
</context>
<context>
    <name>CellDiagramPanel</name>
    <message>
        <source>The recurrent cell as a diagram: gates (σ, tanh), element-wise products (⊙) and sums (+), with the values of the selected unit at the current time step. Hover a block for its equation.</source>
        <translation>순환 셀의 다이어그램: 게이트(σ, tanh), 요소별 곱(⊙)과 합(+), 그리고 현재 시점에서 선택한 유닛의 값. 블록 위에 마우스를 올리면 수식이 보입니다.</translation>
    </message>
    <message>
        <source>The time step whose values are shown.</source>
        <translation>값을 보여 주는 시점.</translation>
    </message>
    <message>
        <source>unit </source>
        <translation>유닛 </translation>
    </message>
    <message>
        <source>Hidden unit whose values are written on the diagram (0-based).</source>
        <translation>다이어그램에 값을 표시할 은닉 유닛 (0부터 셈).</translation>
    </message>
    <message>
        <source>layer </source>
        <translation>층 </translation>
    </message>
    <message>
        <source>Layer whose cell is shown (1 is closest to the input).</source>
        <translation>셀을 보여 줄 층 (1이 입력에 가장 가까움).</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>순방향</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>역방향</translation>
    </message>
    <message>
        <source>Direction of a bidirectional network.</source>
        <translation>양방향 신경망의 방향.</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>모든 유닛</translation>
    </message>
    <message>
        <source>Show a small bar chart of every unit in each block instead of the selected unit&apos;s number.</source>
        <translation>선택한 유닛의 숫자 대신 각 블록에 모든 유닛의 작은 막대그래프를 보여 줍니다.</translation>
    </message>
    <message>
        <source>input gate</source>
        <translation>입력 게이트</translation>
    </message>
    <message>
        <source>forget gate</source>
        <translation>삭제 게이트</translation>
    </message>
    <message>
        <source>candidate cell input</source>
        <translation>후보 값 (셀 입력)</translation>
    </message>
    <message>
        <source>output gate</source>
        <translation>출력 게이트</translation>
    </message>
    <message>
        <source>reset gate</source>
        <translation>리셋 게이트</translation>
    </message>
    <message>
        <source>update gate</source>
        <translation>업데이트 게이트</translation>
    </message>
    <message>
        <source>candidate hidden state</source>
        <translation>후보 은닉 상태</translation>
    </message>
    <message>
        <source>recurrent part of the candidate</source>
        <translation>후보 값의 순환 부분</translation>
    </message>
    <message>
        <source>hidden state</source>
        <translation>은닉 상태</translation>
    </message>
    <message>
        <source>argument of the nonlinearity: {0}</source>
        <translation>비선형 함수의 입력: {0}</translation>
    </message>
    <message>
        <source>unit {0}: {1} (click to select)</source>
        <translation>유닛 {0}: {1} (클릭하여 선택)</translation>
    </message>
    <message>
        <source>channel {0}: {1}</source>
        <translation>채널 {0}: {1}</translation>
    </message>
    <message>
        <source>squashed cell state</source>
        <translation>tanh를 거친 셀 상태</translation>
    </message>
    <message>
        <source>kept part of the old cell state</source>
        <translation>이전 셀 상태 중 유지된 부분</translation>
    </message>
    <message>
        <source>written part of the candidate</source>
        <translation>후보 값 중 기록된 부분</translation>
    </message>
    <message>
        <source>new cell state</source>
        <translation>새 셀 상태</translation>
    </message>
    <message>
        <source>new hidden state</source>
        <translation>새 은닉 상태</translation>
    </message>
    <message>
        <source>reset recurrent part</source>
        <translation>리셋된 순환 부분</translation>
    </message>
    <message>
        <source>share of the candidate</source>
        <translation>후보 값의 비중</translation>
    </message>
    <message>
        <source>kept part of the old hidden state</source>
        <translation>이전 은닉 상태 중 유지된 부분</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>previous hidden state</source>
        <translation>이전 은닉 상태</translation>
    </message>
    <message>
        <source>previous cell state</source>
        <translation>이전 셀 상태</translation>
    </message>
    <message>
        <source>hidden state (output of the cell)</source>
        <translation>은닉 상태 (셀의 출력)</translation>
    </message>
    <message>
        <source>cell state</source>
        <translation>셀 상태</translation>
    </message>
    <message>
        <source>value {0} (unit {1}, t = {2})</source>
        <translation>값 {0} (유닛 {1}, t = {2})</translation>
    </message>
    <message>
        <source>{0} values at t = {1}</source>
        <translation>t = {1}에서의 {0} 값</translation>
    </message>
    <message>
        <source>peephole connection</source>
        <translation>핍홀 연결</translation>
    </message>
    <message>
        <source>weight {0} (unit {1})</source>
        <translation>가중치 {0} (유닛 {1})</translation>
    </message>
    <message>
        <source>{0} cell</source>
        <translation>{0} 셀</translation>
    </message>
    <message>
        <source>RNN (tanh)</source>
        <translation>RNN (tanh)</translation>
    </message>
    <message>
        <source>RNN (ReLU)</source>
        <translation>RNN (ReLU)</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Peephole LSTM</source>
        <translation>핍홀 LSTM</translation>
    </message>
    <message>
        <source>LSTM without forget gate (1997)</source>
        <translation>삭제 게이트 없는 LSTM (1997)</translation>
    </message>
    <message>
        <source>no forget gate: {0} passes unchanged</source>
        <translation>삭제 게이트 없음: {0}은(는) 그대로 전달됨</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>층 {0}</translation>
    </message>
    <message>
        <source>t = {0}</source>
        <translation>t = {0}</translation>
    </message>
</context>
<context>
    <name>ColourScaleBox</name>
    <message>
        <source>fixed colour scales</source>
        <translation>고정 색 눈금</translation>
    </message>
    <message>
        <source>Fixed colour scales for bounded values: gates σ 0..1, tanh values and the hidden state h −1..1 (LSTM, GRU, tanh RNN), so that a gate of 0.001 looks shut. Unbounded values (cell state c, ReLU h, gradients) are always fitted to the data. Off: every colour scale is fitted to the data. Saved with the session.</source>
        <translation>범위가 정해진 값의 색 눈금을 고정합니다: 게이트 σ는 0..1, tanh 값과 은닉 상태 h는 −1..1(LSTM, GRU, tanh RNN). 그래서 0.001인 게이트는 닫힌 것으로 보입니다. 범위가 없는 값(셀 상태 c, ReLU의 h, 기울기)은 언제나 데이터에 맞춥니다. 끄면 모든 색 눈금을 데이터에 맞춥니다. 세션과 함께 저장됩니다.</translation>
    </message>
</context>
<context>
    <name>ColumnsDialog</name>
    <message>
        <source>Columns of {0}</source>
        <translation>{0}의 열</translation>
    </message>
    <message>
        <source>{0} rows of one column of numbers, a series: the network reads the value of each row and should output the next row&apos;s.</source>
        <translation>숫자 {0}행, 열 하나로 된 시계열입니다: 신경망은 각 행의 값을 읽고 다음 행의 값을 출력해야 합니다.</translation>
    </message>
    <message>
        <source>{0} rows and {1} columns of numbers. Each row is one time step: choose the columns the network reads (inputs) and those it should output (targets).</source>
        <translation>숫자 {0}행, {1}열입니다. 한 행이 한 시점입니다: 신경망이 읽을 열(입력)과 출력해야 할 열(목표값)을 고르세요.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>처음 값</translation>
    </message>
    <message>
        <source>Use as</source>
        <translation>용도</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>목표값</translation>
    </message>
    <message>
        <source>Input, next value as target</source>
        <translation>입력, 다음 값을 목표값으로</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <source>Input: the network reads this column, one value per step. Target: the value it should output at each step. Input, next value as target: it reads the value of each row and should output the next row&apos;s (a series; one step fewer than rows). Not used: left out.</source>
        <translation>입력: 신경망이 이 열을 시점마다 한 값씩 읽습니다. 목표값: 각 시점에 출력해야 할 값입니다. 입력, 다음 값을 목표값으로: 각 행의 값을 읽고 다음 행의 값을 출력해야 합니다(시계열; 시점 수는 행 수보다 하나 적습니다). 사용 안 함: 빼 둡니다.</translation>
    </message>
    <message>
        <source>Learn this sequence: the network&apos;s input and output sizes follow the columns (undoable)</source>
        <translation>이 시퀀스를 학습합니다: 신경망의 입력 크기와 출력 크기가 고른 열에 맞춰집니다 (취소 가능)</translation>
    </message>
    <message>
        <source>Column {0}</source>
        <translation>{0}열</translation>
    </message>
    <message>
        <source>Choose at least one input column.</source>
        <translation>입력 열을 하나 이상 고르세요.</translation>
    </message>
    <message>
        <source>Choose at least one target column.</source>
        <translation>목표값 열을 하나 이상 고르세요.</translation>
    </message>
    <message>
        <source>The table has one row; predicting the next value needs at least two.</source>
        <translation>표에 행이 하나뿐입니다. 다음 값을 예측하려면 두 행 이상이 필요합니다.</translation>
    </message>
    <message>
        <source>The network reads {0} input(s) at each of {2} steps and outputs {1} target(s): the next row&apos;s values, with the squared-error loss.</source>
        <translation>신경망은 {2}개 시점마다 입력 {0}개를 읽고 목표값 {1}개, 곧 다음 행의 값을 출력하며, 손실은 제곱 오차입니다.</translation>
    </message>
    <message>
        <source>The network reads {0} input(s) and outputs {1} target(s) at each of {2} steps, with the squared-error loss.</source>
        <translation>신경망은 {2}개 시점마다 입력 {0}개를 읽고 목표값 {1}개를 출력하며, 손실은 제곱 오차입니다.</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>Compare RNN / LSTM / GRU</source>
        <translation>RNN / LSTM / GRU 비교</translation>
    </message>
    <message>
        <source>&amp;Compare RNN / LSTM / GRU…</source>
        <translation>RNN / LSTM / GRU 비교(&amp;C)…</translation>
    </message>
    <message>
        <source>Train a tanh RNN, an LSTM and a GRU side by side on the same task: how far back their gradients reach, and how their accuracy falls as the sequences grow longer</source>
        <translation>tanh RNN, LSTM, GRU를 같은 과제로 나란히 학습시킵니다: 기울기가 얼마나 먼 과거까지 닿는지, 시퀀스가 길어질수록 정확도가 어떻게 떨어지는지 봅니다</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>RNN (tanh)</source>
        <translation>RNN (tanh)</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Stop training now: the three keep the weights of their last finished step</source>
        <translation>지금 학습을 중지합니다. 세 신경망은 마지막으로 끝난 단계의 가중치를 유지합니다</translation>
    </message>
    <message>
        <source>What the comparison is doing</source>
        <translation>비교가 지금 하고 있는 일</translation>
    </message>
    <message>
        <source>The task all three networks learn</source>
        <translation>세 신경망이 모두 학습하는 과제</translation>
    </message>
    <message>
        <source>Training steps of each network</source>
        <translation>신경망마다의 학습 단계 수</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>과제</translation>
    </message>
    <message>
        <source>How all three networks are initialised, in the comparison and in the length sweep</source>
        <translation>비교와 길이 스윕에서 세 신경망을 초기화하는 방법</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>나란히 비교</translation>
    </message>
    <message>
        <source>Length sweep</source>
        <translation>길이 스윕</translation>
    </message>
    <message>
        <source>Hidden size H of all three networks</source>
        <translation>세 신경망의 은닉 크기 H</translation>
    </message>
    <message>
        <source>Seed of the initial weights and of every training batch (the same for all three)</source>
        <translation>초기 가중치와 모든 학습 배치의 시드 (세 신경망 모두 같음)</translation>
    </message>
    <message>
        <source>1 (Gers et al. 2000)</source>
        <translation>1 (Gers 외 2000)</translation>
    </message>
    <message>
        <source>mean 0 (PyTorch&apos;s default)</source>
        <translation>평균 0 (PyTorch 기본값)</translation>
    </message>
    <message>
        <source>The LSTM&apos;s forget-gate bias at initialisation. The cell line c_t = f⊙c_{t−1} + i⊙g keeps the gradient alive only while f stays near 1: along it, each step back multiplies the gradient by f. With bias 1, f starts near σ(1) ≈ 0.73 instead of σ(0) = 0.5, so far more of the gradient reaches early steps and the LSTM can learn long dependencies (Gers et al. 2000; Jozefowicz et al. 2015).</source>
        <translation>초기화할 때 LSTM의 삭제 게이트 편향. 셀 상태의 길 c_t = f⊙c_{t−1} + i⊙g는 f가 1 가까이에 머물 때만 기울기를 살려 둡니다: 이 길에서는 한 시점 거슬러 갈 때마다 기울기에 f가 곱해집니다. 편향이 1이면 f가 σ(0) = 0.5 대신 σ(1) ≈ 0.73 근처에서 시작하므로, 훨씬 많은 기울기가 앞쪽 시점까지 닿고 LSTM이 장기 의존성을 학습할 수 있습니다 (Gers 외 2000; Jozefowicz 외 2015).</translation>
    </message>
    <message>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <source>LSTM forget-gate bias</source>
        <translation>LSTM 삭제 게이트 편향</translation>
    </message>
    <message>
        <source>Sequence length T of the comparison side by side (the gradient figure follows the loss at the last step)</source>
        <translation>나란히 비교할 때의 시퀀스 길이 T (기울기 그림은 마지막 시점의 손실을 따라갑니다)</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Draw ‖dL/dh_t‖ of the loss at the last step against the distance from it, for three freshly initialised networks</source>
        <translation>새로 초기화한 세 신경망에 대해, 마지막 시점 손실의 ‖dL/dh_t‖를 그 시점으로부터의 거리에 따라 그립니다</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>The same task through a tanh RNN, an LSTM and a GRU of the same size and seed, initialised alike (up to the LSTM&apos;s forget-gate bias): how far back the gradient reaches, how the loss falls, the accuracy reached, and how the accuracy falls as the sequences grow longer.</source>
        <translation>크기와 시드가 같고 (LSTM의 삭제 게이트 편향을 빼면) 똑같이 초기화한 tanh RNN, LSTM, GRU에 같은 과제를 넣었을 때: 기울기가 얼마나 먼 과거까지 닿는지, 손실이 어떻게 줄어드는지, 정확도가 얼마나 되는지, 시퀀스가 길어질수록 정확도가 어떻게 떨어지는지.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;LSTM forget-gate bias&lt;/b&gt;&lt;/p&gt;&lt;p&gt;PyTorch draws every bias, the forget gate&apos;s included, from U(−1/√H, 1/√H): at the start f = σ(…) ≈ 0.5, and the gradient along the cell line, multiplied by f at every step back, shrinks by about half per step — after 30 steps almost nothing is left, as in a vanilla RNN. Setting the forget gate&apos;s bias to 1 (b_ih&apos;s f rows 1, b_hh&apos;s f rows 0) starts f near 0.73, so the cell keeps more of what it holds from step to step and the gradient survives many more steps; training can then open the gate further where it needs to remember. Gers, Schmidhuber and Cummins (2000), who introduced the forget gate, proposed a positive bias; Jozefowicz, Zaremba and Sutskever (2015) found that a bias of 1 closes the gap between the LSTM and the GRU.&lt;/p&gt;&lt;p&gt;The choice applies to the gradients at initialisation, to training side by side and to the length sweep; the tanh RNN and the GRU do not change.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;LSTM 삭제 게이트 편향&lt;/b&gt;&lt;/p&gt;&lt;p&gt;PyTorch는 삭제 게이트의 편향을 포함한 모든 편향을 U(−1/√H, 1/√H)에서 뽑습니다: 처음에는 f = σ(…) ≈ 0.5이고, 셀 상태의 길을 따라 한 시점 거슬러 갈 때마다 f가 곱해지는 기울기는 시점마다 절반 정도로 줄어듭니다 — 30 시점 뒤에는 바닐라 RNN처럼 거의 아무것도 남지 않습니다(기울기 소실). 삭제 게이트의 편향을 1로 두면(b_ih의 f 행 1, b_hh의 f 행 0) f가 0.73 근처에서 시작하므로 셀이 담은 것을 시점마다 더 많이 간직하고 기울기가 훨씬 많은 시점을 견딥니다. 그러면 학습이 기억해야 할 곳에서 게이트를 더 열 수 있습니다. 삭제 게이트를 처음 도입한 Gers, Schmidhuber, Cummins(2000)는 양의 편향을 제안했고, Jozefowicz, Zaremba, Sutskever(2015)는 편향 1이 LSTM과 GRU의 격차를 없앤다는 것을 발견했습니다.&lt;/p&gt;&lt;p&gt;이 선택은 초기 기울기, 나란히 비교하는 학습, 길이 스윕에 모두 적용됩니다. tanh RNN과 GRU는 바뀌지 않습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>단계 수</translation>
    </message>
    <message>
        <source>Gradients at init</source>
        <translation>초기 기울기</translation>
    </message>
    <message>
        <source>Train all three</source>
        <translation>셋 다 학습</translation>
    </message>
    <message>
        <source>Train the three networks on the same batches (in the background)</source>
        <translation>세 신경망을 같은 배치로 학습시킵니다 (백그라운드에서)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>‖dL/dh_t‖ against distance from the loss</source>
        <translation>손실로부터의 거리에 따른 ‖dL/dh_t‖</translation>
    </message>
    <message>
        <source>distance T−1−t (steps back)</source>
        <translation>거리 T−1−t (거슬러 간 시점 수)</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>학습 단계</translation>
    </message>
    <message>
        <source>{0} at init</source>
        <translation>초기 {0}</translation>
    </message>
    <message>
        <source>Training steps of each network at each length</source>
        <translation>길이마다 각 신경망의 학습 단계 수</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>스윕 실행</translation>
    </message>
    <message>
        <source>Train the three networks at each length in turn (in the background) and plot their accuracy on held-out sequences against the length T</source>
        <translation>세 신경망을 길이마다 차례로 학습시키고 (백그라운드에서) 따로 둔 시퀀스에 대한 정확도를 길이 T에 따라 그립니다</translation>
    </message>
    <message>
        <source>Stop the sweep before its next training step; the points measured so far stay</source>
        <translation>다음 학습 단계 전에 스윕을 중지합니다. 지금까지 잰 점은 남습니다</translation>
    </message>
    <message>
        <source>Training steps of the sweep done so far</source>
        <translation>지금까지 마친 스윕의 학습 단계</translation>
    </message>
    <message>
        <source>steps per length</source>
        <translation>길이당 단계 수</translation>
    </message>
    <message>
        <source>What the length sweep is doing, or what it measured</source>
        <translation>길이 스윕이 지금 하고 있는 일, 또는 잰 결과</translation>
    </message>
    <message>
        <source>Accuracy on held-out sequences against the sequence length T, each network trained the same number of steps at every length; the dashed line is the accuracy of guessing</source>
        <translation>시퀀스 길이 T에 따른, 따로 둔 시퀀스에 대한 정확도. 모든 길이에서 각 신경망을 같은 단계 수만큼 학습시켰습니다. 점선은 무작위로 찍었을 때의 정확도(우연 수준)입니다</translation>
    </message>
    <message>
        <source>sequence length T</source>
        <translation>시퀀스 길이 T</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>따로 둔 시퀀스 정확도</translation>
    </message>
    <message>
        <source>mean 0</source>
        <translation>평균 0</translation>
    </message>
    <message>
        <source>Initialisation (PyTorch&apos;s): every weight and bias, the read-out&apos;s too, drawn from U(−1/√H, 1/√H) = U(−{0}, {0}) for H = {1}, seed {2}; the LSTM&apos;s forget-gate bias as well (mean 0).</source>
        <translation>초기화 (PyTorch 방식): 출력층을 포함한 모든 가중치와 편향을 U(−1/√H, 1/√H) = U(−{0}, {0})에서 뽑습니다 (H = {1}, 시드 {2}). LSTM의 삭제 게이트 편향도 마찬가지입니다 (평균 0).</translation>
    </message>
    <message>
        <source>Initialisation (PyTorch&apos;s): every weight and bias, the read-out&apos;s too, drawn from U(−1/√H, 1/√H) = U(−{0}, {0}) for H = {1}, seed {2}; except the LSTM&apos;s forget-gate bias: {3} (b_ih&apos;s f rows {3}, b_hh&apos;s f rows 0).</source>
        <translation>초기화 (PyTorch 방식): 출력층을 포함한 모든 가중치와 편향을 U(−1/√H, 1/√H) = U(−{0}, {0})에서 뽑습니다 (H = {1}, 시드 {2}). 단, LSTM의 삭제 게이트 편향은 {3}입니다 (b_ih의 f 행 {3}, b_hh의 f 행 0).</translation>
    </message>
    <message>
        <source>Gradient at initialisation: after {0} steps back the RNN keeps {1} of it, the LSTM (forget-gate bias {4}) {2}, the GRU {3}.</source>
        <translation>초기화 직후의 기울기: {0} 시점을 거슬러 가면 RNN에는 {1}, LSTM(삭제 게이트 편향 {4})에는 {2}, GRU에는 {3}만큼 남습니다.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>중지하는 중…</translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation>학습을 중지했습니다.</translation>
    </message>
    <message>
        <source>{0} trained</source>
        <translation>학습된 {0}</translation>
    </message>
    <message>
        <source>The length sweep needs a task whose answer depends on the first steps of the sequence: {0}. Choose one of them above.</source>
        <translation>길이 스윕에는 답이 시퀀스의 첫 시점들에 달린 과제가 필요합니다: {0}. 위에서 그중 하나를 고르세요.</translation>
    </message>
    <message>
        <source>&lt;p&gt;The classic figure of the vanishing gradient. Run sweep trains a fresh tanh RNN, LSTM and GRU for {0} steps on the {1} task at each length T = {2} (one length after the other, the same batches for all three), and plots their accuracy on held-out sequences against T, with the accuracy of guessing as a dashed line.&lt;/p&gt;&lt;p&gt;Measured on the temporal order task with 600 steps, H = 16 and forget-gate bias 1 (seeds 0–2): the RNN falls from 100 % at T = 20 to 60–69 % at T = 30 and to chance at T = 50; the LSTM and the GRU stay at 100 % up to T = 40.&lt;/p&gt;</source>
        <translation>&lt;p&gt;기울기 소실을 보여 주는 고전적인 그림입니다. 스윕 실행은 길이 T = {2}마다 (한 길이씩 차례로, 세 신경망에 같은 배치로) 새 tanh RNN, LSTM, GRU를 {1} 과제로 {0}단계 학습시키고, 따로 둔 시퀀스에 대한 정확도를 T에 따라 그립니다. 무작위로 찍었을 때의 정확도(우연 수준)는 점선으로 그립니다.&lt;/p&gt;&lt;p&gt;시간 순서 과제에서 600단계, H = 16, 삭제 게이트 편향 1로 잰 결과 (시드 0–2): RNN은 T = 20에서 100 %였다가 T = 30에서 60–69 %, T = 50에서 우연 수준으로 떨어집니다. LSTM과 GRU는 T = 40까지 100 %를 유지합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sweeping: starting…</source>
        <translation>스윕 중: 시작하는 중…</translation>
    </message>
    <message>
        <source>Sweeping: {0} of {1} points measured</source>
        <translation>스윕 중: {1}개 점 중 {0}개를 쟀습니다</translation>
    </message>
    <message>
        <source>chance {0} %</source>
        <translation>우연 수준 {0} %</translation>
    </message>
    <message>
        <source>{0}, {1} training steps per length, H = {2}, seed {3}, LSTM forget-gate bias {4}.</source>
        <translation>{0}, 길이당 학습 {1}단계, H = {2}, 시드 {3}, LSTM 삭제 게이트 편향 {4}.</translation>
    </message>
    <message>
        <source>Stopped before the first point was measured.</source>
        <translation>첫 점을 재기 전에 중지했습니다.</translation>
    </message>
    <message>
        <source>Longest T with at least {0} % held-out accuracy: {1}.</source>
        <translation>따로 둔 시퀀스 정확도가 {0} % 이상인 가장 긴 T: {1}.</translation>
    </message>
    <message>
        <source>Stopped after {0} of {1} points.</source>
        <translation>{1}개 점 중 {0}개를 잰 뒤 중지했습니다.</translation>
    </message>
    <message>
        <source>Training: step {0} of {1}</source>
        <translation>학습: {1}단계 중 {0}단계</translation>
    </message>
    <message>
        <source>Solid: gradients of the fresh networks; dashed: after training. Below, once training starts: the training loss, and the accuracy on held-out sequences when it ends.</source>
        <translation>실선: 새로 만든 신경망의 기울기, 점선: 학습 뒤의 기울기. 아래 (학습을 시작하면): 학습 손실, 그리고 학습이 끝나면 따로 둔 시퀀스에 대한 정확도.</translation>
    </message>
    <message>
        <source>After {0} steps, accuracy on held-out sequences: {1}</source>
        <translation>{0}단계 뒤, 따로 둔 시퀀스에 대한 정확도: {1}</translation>
    </message>
</context>
<context>
    <name>ComputingIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop this computation: the panels keep showing the earlier state</source>
        <translation>이 계산을 멈춥니다: 패널은 이전 상태를 계속 보여 줍니다</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>다시 계산</translation>
    </message>
    <message>
        <source>Compute the panels for the current document</source>
        <translation>현재 문서로 패널을 계산합니다</translation>
    </message>
    <message>
        <source>Computing the new sizes…</source>
        <translation>새 크기를 계산하는 중…</translation>
    </message>
    <message>
        <source>The window shows the network as it was until the new one is computed; editing waits meanwhile</source>
        <translation>새 네트워크를 다 계산할 때까지 창은 이전 네트워크를 보여 주며, 그동안 편집은 기다립니다</translation>
    </message>
    <message>
        <source>Withdraw this change: the network stays as it is</source>
        <translation>이 변경을 취소합니다: 네트워크는 지금 그대로 남습니다</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>계산 중…</translation>
    </message>
    <message>
        <source>The panels show the last finished result and follow when this computation ends</source>
        <translation>패널은 마지막으로 끝난 결과를 보여 주며, 이 계산이 끝나면 따라갑니다</translation>
    </message>
    <message>
        <source>Panels show an earlier state</source>
        <translation>패널이 이전 상태를 보여 줍니다</translation>
    </message>
    <message>
        <source>The last edits were not computed (cancelled, or the computation failed): the panels show the document as it was before them</source>
        <translation>마지막 편집은 계산되지 않았습니다(취소했거나 계산에 실패함): 패널은 그 편집 이전의 문서를 보여 줍니다</translation>
    </message>
</context>
<context>
    <name>ConfigToolbar</name>
    <message>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>Kind of recurrent network. Switching back to a kind gives back the weights it had in this session.</source>
        <translation>순환 신경망의 종류. 어떤 종류로 다시 바꾸면 이 세션에서 그 종류가 가졌던 가중치가 되돌아옵니다.</translation>
    </message>
    <message>
        <source>Bidirectional</source>
        <translation>양방향</translation>
    </message>
    <message>
        <source>Run a second, reverse-time direction in every layer</source>
        <translation>모든 층에서 시간을 거꾸로 도는 두 번째 방향을 실행합니다</translation>
    </message>
    <message>
        <source>RNN (tanh)</source>
        <translation>RNN (tanh)</translation>
    </message>
    <message>
        <source>RNN (ReLU)</source>
        <translation>RNN (ReLU)</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Peephole LSTM</source>
        <translation>핍홀 LSTM</translation>
    </message>
    <message>
        <source>LSTM without forget gate (1997)</source>
        <translation>삭제 게이트 없는 LSTM (1997)</translation>
    </message>
    <message>
        <source>Network kind</source>
        <translation>신경망 종류</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>입력 크기</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>은닉 크기</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>층 수</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>시퀀스 길이</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>출력 크기</translation>
    </message>
    <message>
        <source>Embedding size</source>
        <translation>임베딩 크기</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Input size I: channels of the input sequence x_t</source>
        <translation>입력 크기 I: 입력 시퀀스 x_t의 채널 수</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>은닉</translation>
    </message>
    <message>
        <source>Hidden size H: units per layer (and direction)</source>
        <translation>은닉 크기 H: 층(과 방향)마다의 유닛 수</translation>
    </message>
    <message>
        <source>Number of stacked recurrent layers</source>
        <translation>쌓은 순환 층의 수</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>시점 수</translation>
    </message>
    <message>
        <source>Sequence length T: number of time steps</source>
        <translation>시퀀스 길이 T: 시점의 수</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Output size O of the linear read-out (the prediction) ŷ_t = W h_t + b</source>
        <translation>선형 출력층(예측) ŷ_t = W h_t + b의 출력 크기 O</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>임베딩</translation>
    </message>
    <message>
        <source>Embedding size E: the first layer reads x_t E, the input times an I × E embedding matrix (for one-hot characters, one row of E each); 0: no embedding, it reads x_t</source>
        <translation>임베딩 크기 E: 첫 층은 입력에 I × E 임베딩 행렬을 곱한 x_t E를 읽습니다(원-핫 문자라면 문자마다 E의 한 행). 0: 임베딩 없음, 첫 층이 x_t를 읽습니다</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Network not changed</source>
        <translation>신경망이 바뀌지 않았습니다</translation>
    </message>
</context>
<context>
    <name>DataFiles</name>
    <message>
        <source>Text or CSV files (*.txt *.text *.md *.csv *.tsv)</source>
        <translation>텍스트 또는 CSV 파일 (*.txt *.text *.md *.csv *.tsv)</translation>
    </message>
    <message>
        <source>Text files (*.txt *.text *.md)</source>
        <translation>텍스트 파일 (*.txt *.text *.md)</translation>
    </message>
    <message>
        <source>CSV tables (*.csv *.tsv)</source>
        <translation>CSV 표 (*.csv *.tsv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Open Data</source>
        <translation>데이터 열기</translation>
    </message>
    <message>
        <source>Open text {0}</source>
        <translation>텍스트 {0} 열기</translation>
    </message>
    <message>
        <source>Cannot open data</source>
        <translation>데이터를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Opened {0}: {1} characters for next-character prediction.</source>
        <translation>{0}을(를) 열었습니다: 다음 글자 예측에 쓸 글자 {1}개.</translation>
    </message>
    <message>
        <source>{0} cannot be opened: {1}</source>
        <translation>{0}을(를) 열 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>Open table {0}</source>
        <translation>표 {0} 열기</translation>
    </message>
    <message>
        <source>Opened {0}: {1} steps, {2} input(s), {3} target(s).</source>
        <translation>{0}을(를) 열었습니다: 시점 {1}개, 입력 {2}개, 목표값 {3}개.</translation>
    </message>
    <message>
        <source>Data files</source>
        <translation>데이터 파일</translation>
    </message>
    <message>
        <source>table</source>
        <translation>표</translation>
    </message>
    <message>
        <source>text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>&amp;{0} {1} (data: {2})</source>
        <translation>&amp;{0} {1} (데이터: {2})</translation>
    </message>
    <message>
        <source>Open {0} as data: the session learns it (undoable)</source>
        <translation>{0}을(를) 데이터로 엽니다: 세션이 이것을 학습합니다 (취소 가능)</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <source>&lt;start&gt; (%n older edit(s) dropped: the history keeps at most {0} MB)</source>
        <translation>&lt;시작&gt; (오래된 편집 %n개 삭제됨: 편집 기록은 최대 {0} MB까지 보관합니다)</translation>
    </message>
    <message>
        <source>&lt;start&gt;</source>
        <translation>&lt;시작&gt;</translation>
    </message>
    <message>
        <source>Every edit so far: click an entry to go back (or forward) to it.</source>
        <translation>지금까지의 모든 편집: 항목을 클릭하면 그 시점으로 되돌아가거나 다시 나아갑니다.</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Targets and loss</source>
        <translation>목표값과 손실</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Initial state</source>
        <translation>초기 상태</translation>
    </message>
    <message>
        <source>History</source>
        <translation>편집 기록</translation>
    </message>
    <message>
        <source>Input refused</source>
        <translation>입력이 거부되었습니다</translation>
    </message>
    <message>
        <source>Target refused</source>
        <translation>목표값이 거부되었습니다</translation>
    </message>
    <message>
        <source>Weight edit refused</source>
        <translation>가중치 편집이 거부되었습니다</translation>
    </message>
    <message>
        <source>Initial state refused</source>
        <translation>초기 상태가 거부되었습니다</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last edit (Ctrl+Z).</source>
        <translation>마지막 편집을 취소합니다 (Ctrl+Z).</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the edit undone last (Ctrl+Shift+Z or Ctrl+Y).</source>
        <translation>마지막으로 취소한 편집을 다시 실행합니다 (Ctrl+Shift+Z 또는 Ctrl+Y).</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>편집 기록(&amp;H)</translation>
    </message>
    <message>
        <source>Show or hide the list of edits.</source>
        <translation>편집 목록을 보이거나 숨깁니다.</translation>
    </message>
</context>
<context>
    <name>Editors</name>
    <message>
        <source>“{0}” is not a number.</source>
        <translation>“{0}”은(는) 숫자가 아닙니다.</translation>
    </message>
    <message>
        <source>NaN and infinity are not allowed: type a finite number.</source>
        <translation>NaN과 무한대는 쓸 수 없습니다: 유한한 수를 입력하세요.</translation>
    </message>
    <message>
        <source>{0} is beyond the allowed range ±{1:g}.</source>
        <translation>{0}은(는) 허용 범위 ±{1:g}를 벗어납니다.</translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>Something went wrong inside LSTM Studio (a bug). Your session has been autosaved; the details are in {0}.</source>
        <translation>LSTM Studio 내부에서 문제가 생겼습니다(버그). 세션은 자동 저장되었습니다. 자세한 내용은 {0}에 있습니다.</translation>
    </message>
    <message>
        <source>Something went wrong inside LSTM Studio (a bug). Your session has been autosaved.</source>
        <translation>LSTM Studio 내부에서 문제가 생겼습니다(버그). 세션은 자동 저장되었습니다.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>The image could not be encoded as PNG.</source>
        <translation>이미지를 PNG로 인코딩할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new session (Ctrl+N)</source>
        <translation>새 세션을 시작합니다 (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a session file (Ctrl+O)</source>
        <translation>세션 파일을 엽니다 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Open &amp;Data…</source>
        <translation>데이터 열기(&amp;D)…</translation>
    </message>
    <message>
        <source>Learn from a file: a UTF-8 text for next-character prediction, or a CSV table of numbers as the input and target sequence (Ctrl+Shift+O; or drop one on the window)</source>
        <translation>파일에서 학습합니다: 다음 글자 예측에 쓸 UTF-8 텍스트, 또는 입력과 목표값 시퀀스가 될 숫자 CSV 표 (Ctrl+Shift+O, 또는 파일을 창에 끌어다 놓기)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the session (Ctrl+S)</source>
        <translation>세션을 저장합니다 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the session to a new file (Ctrl+Shift+S)</source>
        <translation>세션을 새 파일에 저장합니다 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>되돌리기(&amp;V)</translation>
    </message>
    <message>
        <source>Discard unsaved changes and reload the file</source>
        <translation>저장하지 않은 변경 사항을 버리고 파일을 다시 읽습니다</translation>
    </message>
    <message>
        <source>&amp;Import Parameters…</source>
        <translation>매개변수 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Load weights and biases in PyTorch&apos;s layout (.npz, or .pt with PyTorch)</source>
        <translation>PyTorch 형식의 가중치와 편향을 읽습니다 (.npz, PyTorch가 있으면 .pt)</translation>
    </message>
    <message>
        <source>Import PyTorch &amp;Model…</source>
        <translation>PyTorch 모델 가져오기(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a character model trained with PyTorch (embedding, LSTM/GRU/RNN, linear read-out) from its state dict and vocabulary JSON</source>
        <translation>PyTorch로 학습한 문자 모델(임베딩, LSTM/GRU/RNN, 선형 출력층)을 state dict와 어휘 JSON에서 엽니다</translation>
    </message>
    <message>
        <source>Export &amp;Parameters…</source>
        <translation>매개변수 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>Save weights and biases in PyTorch&apos;s layout (.npz, or .pt with PyTorch)</source>
        <translation>가중치와 편향을 PyTorch 형식으로 저장합니다 (.npz, PyTorch가 있으면 .pt)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Close LSTM Studio (Ctrl+Q)</source>
        <translation>LSTM Studio를 닫습니다 (Ctrl+Q)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>{0}[*] — LSTM Studio</source>
        <translation>{0}[*] — LSTM Studio</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0}에 저장하지 않은 변경 사항이 있습니다. 저장할까요?</translation>
    </message>
    <message>
        <source>New session.</source>
        <translation>새 세션.</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>세션 열기</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>세션을 열 수 없습니다</translation>
    </message>
    <message>
        <source>{0} cannot be opened: {1}</source>
        <translation>{0}을(를) 열 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>Opened {0}.</source>
        <translation>{0}을(를) 열었습니다.</translation>
    </message>
    <message>
        <source>Save Session As</source>
        <translation>다른 이름으로 세션 저장</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>세션을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>{0}을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Discard all unsaved changes and reload {0}?</source>
        <translation>저장하지 않은 변경 사항을 모두 버리고 {0}을(를) 다시 읽을까요?</translation>
    </message>
    <message>
        <source>LSTM Studio sessions (*.lstms);;All files (*)</source>
        <translation>LSTM Studio 세션 (*.lstms);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
    <message>
        <source>&amp;Clear Recent Files</source>
        <translation>최근 파일 목록 지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Forget the list of recent files</source>
        <translation>최근 파일 목록을 지웁니다</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz)</source>
        <translation>NumPy 아카이브 (*.npz)</translation>
    </message>
    <message>
        <source>PyTorch state dicts (*.pt *.pth)</source>
        <translation>PyTorch state dict (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Import Parameters</source>
        <translation>매개변수 가져오기</translation>
    </message>
    <message>
        <source>Cannot import parameters</source>
        <translation>매개변수를 가져올 수 없습니다</translation>
    </message>
    <message>
        <source>{0} does not fit this network: {1}</source>
        <translation>{0}은(는) 이 신경망에 맞지 않습니다: {1}</translation>
    </message>
    <message>
        <source>Import parameters from {0}</source>
        <translation>{0}에서 매개변수 가져오기</translation>
    </message>
    <message>
        <source>Imported parameters from {0}.</source>
        <translation>{0}에서 매개변수를 가져왔습니다.</translation>
    </message>
    <message>
        <source>Export Parameters</source>
        <translation>매개변수 내보내기</translation>
    </message>
    <message>
        <source>Cannot export parameters</source>
        <translation>매개변수를 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Exported parameters to {0} and the vocabulary to {1} (Import PyTorch Model opens the two).</source>
        <translation>매개변수를 {0}(으)로, 어휘를 {1}(으)로 내보냈습니다(PyTorch 모델 가져오기로 두 파일을 열 수 있습니다).</translation>
    </message>
    <message>
        <source>Exported parameters to {0}.</source>
        <translation>매개변수를 {0}(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <source>&amp;Window as PNG…</source>
        <translation>창을 PNG로(&amp;W)…</translation>
    </message>
    <message>
        <source>A picture of the whole window</source>
        <translation>창 전체의 그림</translation>
    </message>
    <message>
        <source>&amp;Animation…</source>
        <translation>애니메이션(&amp;A)…</translation>
    </message>
    <message>
        <source>Step through time and save it as an animated GIF or an MP4 video: the whole window or one panel, for slides</source>
        <translation>시점을 차례로 넘기며 움직이는 GIF나 MP4 동영상으로 저장합니다: 창 전체 또는 패널 하나, 슬라이드용</translation>
    </message>
    <message>
        <source>&amp;Traces as CSV…</source>
        <translation>계산 기록을 CSV로(&amp;T)…</translation>
    </message>
    <message>
        <source>Inputs, gates, states, gradients, outputs and loss of every time step, one value per row</source>
        <translation>모든 시점의 입력, 게이트, 상태, 기울기, 출력, 손실 (한 행에 값 하나)</translation>
    </message>
    <message>
        <source>As PNG image…</source>
        <translation>PNG 이미지로…</translation>
    </message>
    <message>
        <source>As SVG drawing…</source>
        <translation>SVG 그림으로…</translation>
    </message>
    <message>
        <source>Export the plots of this panel</source>
        <translation>이 패널의 그래프를 내보냅니다</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {0}.</source>
        <translation>{0}을(를) 내보냈습니다.</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <source>Export Panel</source>
        <translation>패널 내보내기</translation>
    </message>
    <message>
        <source>Export Window</source>
        <translation>창 내보내기</translation>
    </message>
    <message>
        <source>Export Traces</source>
        <translation>계산 기록 내보내기</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 표 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FreeRun</name>
    <message>
        <source>own predictions from t =</source>
        <translation>자기 예측 입력 시작 t =</translation>
    </message>
    <message>
        <source>Free running: from this step on the network&apos;s input is its own previous prediction ŷ_{t−1} instead of the given x_t (the true signal stops there), so it continues the sequence alone. Every panel shows this run; the target stays dashed for comparison. The gradient is BPTT with the fed-back inputs held fixed. Saved with the session.</source>
        <translation>자유 실행: 이 시점부터 네트워크의 입력은 주어진 x_t 대신 자신의 직전 예측 ŷ_{t−1}입니다(실제 신호는 여기서 끊깁니다). 그래서 네트워크가 혼자 시퀀스를 이어 갑니다. 모든 패널이 이 실행을 보여 주며, 정답은 비교용으로 점선으로 남습니다. 기울기는 되먹인 입력을 고정된 값으로 두고 계산한 BPTT입니다. 세션과 함께 저장됩니다.</translation>
    </message>
    <message>
        <source>Free running from t = {0}</source>
        <translation>t = {0}부터 자유 실행</translation>
    </message>
    <message>
        <source>Free running off</source>
        <translation>자유 실행 끄기</translation>
    </message>
    <message>
        <source>fed back from here</source>
        <translation>여기부터 예측을 되먹임</translation>
    </message>
    <message>
        <source>Not used while running free: the network&apos;s own prediction {0} is fed instead.</source>
        <translation>자유 실행 중에는 쓰이지 않습니다: 대신 네트워크 자신의 예측 {0}이(가) 입력됩니다.</translation>
    </message>
</context>
<context>
    <name>GatesPanel</name>
    <message>
        <source>Gate values of the selected layer and direction: one heatmap per gate, units down, time steps across. Click a cell to select its unit and time step.</source>
        <translation>선택한 층과 방향의 게이트 값: 게이트마다 히트맵 하나, 세로는 유닛, 가로는 시점. 칸을 클릭하면 그 유닛과 시점이 선택됩니다.</translation>
    </message>
    <message>
        <source>pre-activations</source>
        <translation>활성화 전 값</translation>
    </message>
    <message>
        <source>Show the argument of each gate&apos;s nonlinearity (W·x + W·h + b) instead of its output</source>
        <translation>게이트 출력 대신 비선형 함수의 입력(W·x + W·h + b)을 보여 줍니다</translation>
    </message>
    <message>
        <source>input gate</source>
        <translation>입력 게이트</translation>
    </message>
    <message>
        <source>forget gate</source>
        <translation>삭제 게이트</translation>
    </message>
    <message>
        <source>candidate cell input</source>
        <translation>후보 값 (셀 입력)</translation>
    </message>
    <message>
        <source>output gate</source>
        <translation>출력 게이트</translation>
    </message>
    <message>
        <source>reset gate</source>
        <translation>리셋 게이트</translation>
    </message>
    <message>
        <source>update gate</source>
        <translation>업데이트 게이트</translation>
    </message>
    <message>
        <source>candidate state</source>
        <translation>후보 상태</translation>
    </message>
    <message>
        <source>activation h_t</source>
        <translation>활성화 h_t</translation>
    </message>
    <message>
        <source>{0} pre-activation</source>
        <translation>{0} 활성화 전 값</translation>
    </message>
    <message>
        <source>Gate pre-activations</source>
        <translation>게이트 활성화 전 값</translation>
    </message>
    <message>
        <source>Gate activations</source>
        <translation>게이트 활성화</translation>
    </message>
    <message>
        <source>{0}, batch sample 0{1}</source>
        <translation>{0}, 배치 샘플 0{1}</translation>
    </message>
</context>
<context>
    <name>GenerationBox</name>
    <message>
        <source>Generate text</source>
        <translation>텍스트 생성</translation>
    </message>
    <message>
        <source>Sample new text from the trained network, one character at a time, each fed back as the next input</source>
        <translation>학습된 신경망에서 한 글자씩 새 텍스트를 뽑고, 뽑은 글자를 다음 입력으로 되먹입니다</translation>
    </message>
    <message>
        <source>Text that primes the network&apos;s state before sampling; only characters of the training text (at first, the text&apos;s first words)</source>
        <translation>샘플링 전에 신경망의 상태를 준비시키는 텍스트. 학습 텍스트에 있는 글자만 쓸 수 있습니다 (처음에는 학습 텍스트의 첫 단어들)</translation>
    </message>
    <message>
        <source>Sampling temperature: low = safe and repetitive, high = varied and error-prone</source>
        <translation>샘플링 온도: 낮으면 안전하고 반복적, 높으면 다양하고 실수가 많음</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Write {0} characters after the seed text</source>
        <translation>시작 텍스트 뒤에 {0}글자를 씁니다</translation>
    </message>
    <message>
        <source>Text written by the network</source>
        <translation>신경망이 쓴 텍스트</translation>
    </message>
    <message>
        <source>Seed text</source>
        <translation>시작 텍스트</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <source>Why the network cannot write text now</source>
        <translation>신경망이 지금 텍스트를 쓸 수 없는 이유</translation>
    </message>
    <message>
        <source>Type a seed text: the network reads it before it writes.</source>
        <translation>시작 텍스트를 입력하세요. 신경망은 이것을 읽은 뒤에 글을 씁니다.</translation>
    </message>
    <message>
        <source>The training text has no {0}: the network has no input for it, so the seed may only use the text&apos;s own characters, e.g. “{1}”.</source>
        <translation>학습 텍스트에 {0}이(가) 없습니다. 신경망에 그 글자를 위한 입력이 없으므로, 시작 텍스트에는 학습 텍스트에 있는 글자만 쓸 수 있습니다 (예: “{1}”).</translation>
    </message>
    <message>
        <source>Text generation needs the next-character task.</source>
        <translation>텍스트 생성에는 다음 글자 예측 과제가 필요합니다.</translation>
    </message>
</context>
<context>
    <name>GradientPanel</name>
    <message>
        <source>Gradient flow for the current loss (backpropagation through time): the size of dL/dh_t and dL/dc_t at each step on a log scale, dL/dh_t per unit, and how sensitive the loss is to each input step. Falling curves towards early steps show vanishing gradients, rising ones exploding gradients. Zero gradients (e.g. cut by truncated BPTT) leave gaps.</source>
        <translation>현재 손실의 기울기 흐름(시간에 따른 역전파): 시점마다 dL/dh_t와 dL/dc_t의 크기(로그 눈금), 유닛별 dL/dh_t, 그리고 손실이 각 입력 시점에 얼마나 민감한지. 앞쪽 시점으로 갈수록 내려가는 곡선은 기울기 소실, 올라가는 곡선은 기울기 폭주를 뜻합니다. 기울기가 0인 곳(예: 잘린 BPTT로 끊긴 곳)은 비어 있습니다.</translation>
    </message>
    <message>
        <source>norm</source>
        <translation>노름</translation>
    </message>
    <message>
        <source>dL/dh_t per unit</source>
        <translation>유닛별 dL/dh_t</translation>
    </message>
    <message>
        <source>Gradient norm per step (log)</source>
        <translation>시점별 기울기 노름 (로그)</translation>
    </message>
    <message>
        <source>The gradient norm of each parameter block (input and recurrent weights, biases, read-out) before clipping and after it, on a log scale. Clipping by norm scales every block by the same factor; clipping by value cuts each element. Shown while clipping is set (Training tab).</source>
        <translation>매개변수 블록(입력 가중치와 순환 가중치, 편향, 출력층)마다의 기울기 노름을 클리핑 전과 후로 나누어 로그 눈금에 보여 줍니다. 노름 기준 클리핑은 모든 블록을 같은 비율로 줄이고, 값 기준 클리핑은 각 성분을 자릅니다. 클리핑이 설정되어 있을 때 표시됩니다(학습 탭).</translation>
    </message>
    <message>
        <source>Input sensitivity ‖dL/dx_t‖ (log)</source>
        <translation>입력 민감도 ‖dL/dx_t‖ (로그)</translation>
    </message>
    <message>
        <source>Reveal: this reverse direction is backpropagated forwards in time, from t = 1; shown are t = 1…{0}, the steps it has reached at the cursor. Move the cursor on to reveal more.</source>
        <translation>드러내기: 이 역방향은 t = 1부터 시간 순서대로 역전파됩니다. 커서 위치까지 역전파가 닿은 시점 t = 1…{0}을 보여 줍니다. 커서를 앞으로 옮기면 더 드러납니다.</translation>
    </message>
    <message>
        <source>Reveal: gradients flow back from the loss (the last at t = {0}) towards t = 1; shown are t = {1}…{2}, the steps backpropagation has reached at the cursor. Move the cursor back to reveal more.</source>
        <translation>드러내기: 기울기는 손실(마지막 손실은 t = {0})에서 t = 1 쪽으로 거슬러 흐릅니다. 커서 위치까지 역전파가 닿은 시점 t = {1}…{2}를 보여 줍니다. 커서를 뒤로 옮기면 더 드러납니다.</translation>
    </message>
    <message>
        <source>The clipping bars show the whole gradient, summed over every step.</source>
        <translation>클리핑 막대는 모든 시점에 걸쳐 더한 전체 기울기를 보여 줍니다.</translation>
    </message>
    <message>
        <source>‖∇θ L‖ = {0} (before clipping)</source>
        <translation>‖∇θ L‖ = {0} (클리핑 전)</translation>
    </message>
    <message>
        <source>clipped</source>
        <translation>클리핑됨</translation>
    </message>
    <message>
        <source>clipping set, not applied</source>
        <translation>클리핑 설정됨, 적용 안 됨</translation>
    </message>
    <message>
        <source>no clipping</source>
        <translation>클리핑 없음</translation>
    </message>
    <message>
        <source>free running from t = {0}: BPTT with the fed-back inputs held fixed (no gradient through the feedback)</source>
        <translation>t = {0}부터 자유 실행: 되먹인 입력을 고정한 BPTT (되먹임 경로로는 기울기가 흐르지 않음)</translation>
    </message>
    <message>
        <source>truncated BPTT: {0} steps, cut after t = {1} (dashed lines)</source>
        <translation>잘린 BPTT: {0} 시점, t = {1} 다음에서 끊김 (점선)</translation>
    </message>
    <message>
        <source>truncated BPTT: {0} steps (no cut: the sequence is not longer)</source>
        <translation>잘린 BPTT: {0} 시점 (시퀀스가 더 길지 않아 끊기는 곳 없음)</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>내보내기...</translation>
    </message>
</context>
<context>
    <name>HelpBrowser</name>
    <message>
        <source>Close this window</source>
        <translation>이 창을 닫습니다</translation>
    </message>
</context>
<context>
    <name>HelpFeature</name>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>밝게(&amp;L)</translation>
    </message>
    <message>
        <source>Light window and white plots</source>
        <translation>밝은 창과 흰 바탕 그래프</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>어둡게(&amp;D)</translation>
    </message>
    <message>
        <source>Dark window and dark plots</source>
        <translation>어두운 창과 어두운 바탕 그래프</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Guided &amp;Tour…</source>
        <translation>둘러보기(&amp;T)…</translation>
    </message>
    <message>
        <source>A short tour of the panels, one page each</source>
        <translation>패널을 한 쪽씩 짧게 둘러봅니다</translation>
    </message>
    <message>
        <source>&amp;Equations…</source>
        <translation>수식(&amp;E)…</translation>
    </message>
    <message>
        <source>The equations of every cell kind, of the loss and of BPTT, as the app computes them</source>
        <translation>앱이 계산하는 그대로의 셀 종류별 수식, 손실, BPTT</translation>
    </message>
    <message>
        <source>Course &amp;Notation…</source>
        <translation>강의 표기법(&amp;N)…</translation>
    </message>
    <message>
        <source>The app&apos;s symbols next to the course notes&apos; (t = 1..T, ŷ and y, C̃, a⟨t⟩, Γ), and which convention the app follows where they differ</source>
        <translation>앱의 기호와 강의 노트의 기호를 나란히 보여 주고(t = 1..T, ŷ와 y, C̃, a⟨t⟩, Γ), 서로 다른 곳에서는 앱이 어느 쪽을 따르는지 알려 줍니다</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>단축키(&amp;K)…</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window</source>
        <translation>이 창의 모든 단축키</translation>
    </message>
    <message>
        <source>&amp;About LSTM Studio…</source>
        <translation>LSTM Studio 정보(&amp;A)…</translation>
    </message>
    <message>
        <source>Version of LSTM Studio and of the libraries it uses</source>
        <translation>LSTM Studio와 사용하는 라이브러리의 버전</translation>
    </message>
    <message>
        <source>Show or hide “{0}”</source>
        <translation>“{0}” 보이기/숨기기</translation>
    </message>
    <message>
        <source>Light theme applied. Restart LSTM Studio to recolour every drawing in the panels.</source>
        <translation>밝은 테마를 적용했습니다. 패널의 모든 그림 색을 바꾸려면 LSTM Studio를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Dark theme applied. Restart LSTM Studio to recolour every drawing in the panels.</source>
        <translation>어두운 테마를 적용했습니다. 패널의 모든 그림 색을 바꾸려면 LSTM Studio를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Language: {0}.</source>
        <translation>언어: {0}.</translation>
    </message>
    <message>
        <source>Equations</source>
        <translation>수식</translation>
    </message>
    <message>
        <source>Course notation</source>
        <translation>강의 표기법</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>About LSTM Studio</source>
        <translation>LSTM Studio 정보</translation>
    </message>
    <message>
        <source>Exactly what LSTM Studio computes at each time step t = 1..T (h&lt;sub&gt;0&lt;/sub&gt;, c&lt;sub&gt;0&lt;/sub&gt;: the initial states). ⊙ is the element-wise (Hadamard) product, W x a matrix-vector product. Weights follow PyTorch&apos;s layout: weight_ih_l0 stacks W&lt;sub&gt;ii&lt;/sub&gt;, W&lt;sub&gt;if&lt;/sub&gt;, W&lt;sub&gt;ig&lt;/sub&gt;, W&lt;sub&gt;io&lt;/sub&gt; (LSTM) or W&lt;sub&gt;ir&lt;/sub&gt;, W&lt;sub&gt;iz&lt;/sub&gt;, W&lt;sub&gt;in&lt;/sub&gt; (GRU).</source>
        <translation>LSTM Studio가 각 시점 t = 1..T에서 계산하는 그대로입니다(h&lt;sub&gt;0&lt;/sub&gt;, c&lt;sub&gt;0&lt;/sub&gt;: 초기 상태). ⊙는 요소별 곱(아다마르 곱), W x는 행렬-벡터 곱입니다. 가중치는 PyTorch의 배치를 따릅니다: weight_ih_l0은 W&lt;sub&gt;ii&lt;/sub&gt;, W&lt;sub&gt;if&lt;/sub&gt;, W&lt;sub&gt;ig&lt;/sub&gt;, W&lt;sub&gt;io&lt;/sub&gt;(LSTM) 또는 W&lt;sub&gt;ir&lt;/sub&gt;, W&lt;sub&gt;iz&lt;/sub&gt;, W&lt;sub&gt;in&lt;/sub&gt;(GRU)을 쌓은 것입니다.</translation>
    </message>
    <message>
        <source>ŷ&lt;sub&gt;t&lt;/sub&gt; is the network&apos;s prediction, y&lt;sub&gt;t&lt;/sub&gt; the target. In a bidirectional network h&lt;sub&gt;t&lt;/sub&gt; joins the forward and reverse states. The loss is the squared error with the factor ½ (second line; “MSE” in the app) or the cross-entropy with target class k (third line), averaged over the set S of steps where the loss applies.</source>
        <translation>ŷ&lt;sub&gt;t&lt;/sub&gt;는 신경망의 예측(출력), y&lt;sub&gt;t&lt;/sub&gt;는 정답입니다. 양방향 신경망에서 h&lt;sub&gt;t&lt;/sub&gt;는 순방향과 역방향 상태를 이어 붙인 것입니다. 손실은 ½이 붙은 제곱 오차(둘째 줄, 앱에서는 “MSE”) 또는 목표 클래스 k에 대한 교차 엔트로피(셋째 줄)이며, 손실을 계산하는 시점들의 집합 S에 대해 평균을 냅니다.</translation>
    </message>
    <message>
        <source>Truncated BPTT with k steps cuts the sequence t = 1..T into chunks of k steps counted from its end (cuts after steps T − k, T − 2k, …) and stops the gradient carried back through the recurrence at each boundary: cheaper, but dependencies longer than k steps cannot be learned.</source>
        <translation>k 시점으로 잘린 BPTT는 시퀀스 t = 1..T를 끝에서부터 k 시점씩 나누고(T − k, T − 2k, … 시점 다음에서 끊음) 순환을 따라 거꾸로 전달되는 기울기를 경계마다 끊습니다. 계산량은 줄지만 k 시점보다 긴 의존성은 학습할 수 없습니다.</translation>
    </message>
    <message>
        <source>Vanilla RNN</source>
        <translation>바닐라 RNN</translation>
    </message>
    <message>
        <source>Show menus and texts in {0}</source>
        <translation>메뉴와 글을 {0}(으)로 표시합니다</translation>
    </message>
    <message>
        <source>The {0} translation cannot be loaded: the texts stay in {1}.</source>
        <translation>{0} 번역을 불러올 수 없어 글은 {1}(으)로 남습니다.</translation>
    </message>
    <message>
        <source>The ReLU variant uses max(0, ·) instead of tanh.</source>
        <translation>ReLU 변형은 tanh 대신 max(0, ·)를 씁니다.</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>i: input gate, f: forget gate, g: candidate value, o: output gate, c: cell state (long-term state), h: hidden state (short-term state). The cell state is changed only by an element-wise multiply and an add.</source>
        <translation>i: 입력 게이트, f: 삭제 게이트, g: 후보 값, o: 출력 게이트, c: 셀 상태(장기 상태), h: 은닉 상태(단기 상태). 셀 상태는 요소별 곱과 덧셈으로만 바뀝니다.</translation>
    </message>
    <message>
        <source>Peephole LSTM</source>
        <translation>핍홀 LSTM</translation>
    </message>
    <message>
        <source>The gates also look at the cell state through the peephole weights w&lt;sub&gt;ci&lt;/sub&gt;, w&lt;sub&gt;cf&lt;/sub&gt;, w&lt;sub&gt;co&lt;/sub&gt;: vectors, so each unit&apos;s cell value reaches only its own gates (a diagonal connection). The output gate sees the new c&lt;sub&gt;t&lt;/sub&gt;.</source>
        <translation>게이트가 핍홀 가중치 w&lt;sub&gt;ci&lt;/sub&gt;, w&lt;sub&gt;cf&lt;/sub&gt;, w&lt;sub&gt;co&lt;/sub&gt;를 통해 셀 상태도 봅니다. 이 가중치는 벡터이므로 각 유닛의 셀 값은 자기 게이트에만 닿습니다(대각 연결). 출력 게이트는 새 c&lt;sub&gt;t&lt;/sub&gt;를 봅니다.</translation>
    </message>
    <message>
        <source>LSTM without forget gate (1997)</source>
        <translation>삭제 게이트 없는 LSTM (1997)</translation>
    </message>
    <message>
        <source>The original LSTM of Hochreiter and Schmidhuber (1997); the forget gate came later (Gers et al., 2000). Its weights stack three gate blocks: W&lt;sub&gt;ii&lt;/sub&gt;, W&lt;sub&gt;ig&lt;/sub&gt;, W&lt;sub&gt;io&lt;/sub&gt;. The cell state only accumulates: ∂c&lt;sub&gt;t&lt;/sub&gt;/∂c&lt;sub&gt;t−1&lt;/sub&gt; = 1, so the gradient along the cell line never fades (the “constant error carousel”), but nothing can erase an old value, and on long inputs c&lt;sub&gt;t&lt;/sub&gt; can grow until tanh(c&lt;sub&gt;t&lt;/sub&gt;) saturates.</source>
        <translation>Hochreiter와 Schmidhuber의 원래 LSTM(1997)입니다. 삭제 게이트(망각 게이트)는 나중에 추가되었습니다(Gers 외, 2000). 가중치는 게이트 블록 세 개를 쌓습니다: W&lt;sub&gt;ii&lt;/sub&gt;, W&lt;sub&gt;ig&lt;/sub&gt;, W&lt;sub&gt;io&lt;/sub&gt;. 셀 상태는 더해지기만 합니다: ∂c&lt;sub&gt;t&lt;/sub&gt;/∂c&lt;sub&gt;t−1&lt;/sub&gt; = 1이므로 셀 상태를 따라 흐르는 기울기는 줄어들지 않습니다(“상수 오차 회전목마(constant error carousel)”). 하지만 오래된 값을 지울 방법이 없어서, 긴 입력에서는 c&lt;sub&gt;t&lt;/sub&gt;가 계속 커져 tanh(c&lt;sub&gt;t&lt;/sub&gt;)가 포화될 수 있습니다.</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>r: reset gate, z: update gate, n: candidate state. One update gate does the work of the forget and input gates; there is no separate cell state and no output gate.</source>
        <translation>r: 리셋 게이트, z: 업데이트 게이트, n: 후보 상태. 업데이트 게이트 하나가 삭제 게이트와 입력 게이트의 일을 함께 하며, 별도의 셀 상태와 출력 게이트가 없습니다.</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>Sigmoid gates lie between 0 (closed: nothing passes) and 1 (open: everything passes); tanh values between −1 and 1 carry the strength and sign of a value.</source>
        <translation>시그모이드 게이트는 0(닫힘: 아무것도 통과하지 않음)과 1(열림: 모두 통과) 사이에 있고, −1과 1 사이의 tanh 값은 값의 세기와 부호를 전달합니다.</translation>
    </message>
    <message>
        <source>Read-out and loss</source>
        <translation>출력층과 손실</translation>
    </message>
    <message>
        <source>Backpropagation through time (BPTT)</source>
        <translation>시간에 따른 역전파 (BPTT)</translation>
    </message>
    <message>
        <source>The gradient reaching h&lt;sub&gt;t&lt;/sub&gt; is its own loss term plus what flows back from later steps. In a vanilla RNN every step back multiplies it by W&lt;sub&gt;hh&lt;/sub&gt; and the tanh derivative: over many steps the product shrinks towards zero (vanishing gradient) or blows up (exploding gradient), so long-term dependencies are hard to learn. Along an LSTM&apos;s cell state it is only multiplied by the forget gate, so it survives as long as f stays near 1.</source>
        <translation>h&lt;sub&gt;t&lt;/sub&gt;에 도달하는 기울기는 그 시점의 손실 항에 뒤 시점들에서 거꾸로 흘러온 값을 더한 것입니다. 바닐라 RNN에서는 한 시점 거슬러 갈 때마다 W&lt;sub&gt;hh&lt;/sub&gt;와 tanh 도함수가 곱해집니다. 여러 시점을 지나면 이 곱이 0으로 줄어들거나(기울기 소실) 터져 버리므로(기울기 폭주) 장기 의존성을 학습하기 어렵습니다. LSTM의 셀 상태를 따라서는 삭제 게이트만 곱해지므로, f가 1 가까이 있는 한 기울기가 살아남습니다.</translation>
    </message>
    <message>
        <source>Truncation and clipping</source>
        <translation>잘라내기와 클리핑</translation>
    </message>
    <message>
        <source>Clipping by norm rescales all gradients together (network and read-out, one global L2 norm ‖g‖) when ‖g‖ exceeds θ; clipping by value limits each component to [−v, v]. Clipping tames exploding gradients but does nothing for vanishing ones.</source>
        <translation>노름 기준 클리핑은 ‖g‖가 θ를 넘으면 모든 기울기(신경망과 출력층, 전체 L2 노름 ‖g‖ 하나)를 함께 줄입니다. 값 기준 클리핑은 각 성분을 [−v, v]로 제한합니다. 기울기 클리핑은 기울기 폭주는 다스리지만 기울기 소실에는 아무 효과가 없습니다.</translation>
    </message>
    <message>
        <source>Further reading: Dive into Deep Learning (d2l.ai), the chapters on backpropagation through time and on LSTM and GRU.</source>
        <translation>더 읽을거리: Dive into Deep Learning (d2l.ai)의 시간에 따른 역전파, LSTM과 GRU 장.</translation>
    </message>
    <message>
        <source>The notes count steps from 1, and so does every label of the app: time axes, read-outs, the slider, the tables, the CSV export. h&lt;sub&gt;0&lt;/sub&gt; and c&lt;sub&gt;0&lt;/sub&gt; are the initial states, before t = 1.</source>
        <translation>강의 노트는 시점을 1부터 세며, 앱의 모든 표시도 그렇습니다: 시간 축, 값 표시, 슬라이더, 표, CSV 내보내기. h&lt;sub&gt;0&lt;/sub&gt;과 c&lt;sub&gt;0&lt;/sub&gt;은 t = 1 이전의 초기 상태입니다.</translation>
    </message>
    <message>
        <source>The candidate value (후보 값): g in the LSTM, which the input gate lets into the cell, and n in the GRU; tanh, between −1 and 1.</source>
        <translation>후보 값: LSTM에서는 입력 게이트가 셀에 들여보내는 g, GRU에서는 n입니다. tanh이므로 −1과 1 사이입니다.</translation>
    </message>
    <message>
        <source>The hidden state (short-term state): what the next step and the read-out see. Ng&apos;s notes call it a, the activation.</source>
        <translation>은닉 상태(단기 상태): 다음 시점과 출력층이 보는 값입니다. Ng의 노트에서는 활성값 a라고 부릅니다.</translation>
    </message>
    <message>
        <source>The cell state (long-term state).</source>
        <translation>셀 상태(장기 상태).</translation>
    </message>
    <message>
        <source>Ng&apos;s notes call the input gate the update gate Γ&lt;sub&gt;u&lt;/sub&gt; (LSTM only; for the GRU see the next row).</source>
        <translation>Ng의 노트는 입력 게이트를 업데이트 게이트 Γ&lt;sub&gt;u&lt;/sub&gt;라고 부릅니다(LSTM의 경우; GRU는 아래 줄을 보세요).</translation>
    </message>
    <message>
        <source>ŷ is the network&apos;s prediction (the read-out of h&lt;sub&gt;t&lt;/sub&gt;), y the target the loss compares it with. The output panel draws ŷ solid and y dashed; the CSV export names them y_hat and y.</source>
        <translation>ŷ는 신경망의 예측(h&lt;sub&gt;t&lt;/sub&gt;의 출력층 값, 출력)이고 y는 손실이 그것과 비교하는 정답입니다. 출력 패널은 ŷ를 실선, y를 점선으로 그리며, CSV 내보내기에서는 y_hat과 y라는 이름입니다.</translation>
    </message>
    <message>
        <source>z is the update gate, r the reset gate, with opposite conventions for z. In Ng&apos;s notes Γ&lt;sub&gt;u&lt;/sub&gt; = 1 writes the candidate: c&lt;sup&gt;⟨t⟩&lt;/sup&gt; = Γ&lt;sub&gt;u&lt;/sub&gt; ⊙ c̃&lt;sup&gt;⟨t⟩&lt;/sup&gt; + (1 − Γ&lt;sub&gt;u&lt;/sub&gt;) ⊙ c&lt;sup&gt;⟨t−1⟩&lt;/sup&gt;. In this app, as in PyTorch, z = 1 keeps the old state: h&lt;sub&gt;t&lt;/sub&gt; = (1 − z&lt;sub&gt;t&lt;/sub&gt;) ⊙ n&lt;sub&gt;t&lt;/sub&gt; + z&lt;sub&gt;t&lt;/sub&gt; ⊙ h&lt;sub&gt;t−1&lt;/sub&gt;. So z&lt;sub&gt;t&lt;/sub&gt; = 1 − Γ&lt;sub&gt;u&lt;/sub&gt;; the reset gate r is Γ&lt;sub&gt;r&lt;/sub&gt; in both.</source>
        <translation>z는 업데이트 게이트, r은 리셋 게이트이며, z의 방향은 서로 반대입니다. Ng의 노트에서는 Γ&lt;sub&gt;u&lt;/sub&gt; = 1이면 후보 값을 씁니다: c&lt;sup&gt;⟨t⟩&lt;/sup&gt; = Γ&lt;sub&gt;u&lt;/sub&gt; ⊙ c̃&lt;sup&gt;⟨t⟩&lt;/sup&gt; + (1 − Γ&lt;sub&gt;u&lt;/sub&gt;) ⊙ c&lt;sup&gt;⟨t−1⟩&lt;/sup&gt;. 이 앱에서는 PyTorch처럼 z = 1이면 이전 상태를 유지합니다: h&lt;sub&gt;t&lt;/sub&gt; = (1 − z&lt;sub&gt;t&lt;/sub&gt;) ⊙ n&lt;sub&gt;t&lt;/sub&gt; + z&lt;sub&gt;t&lt;/sub&gt; ⊙ h&lt;sub&gt;t−1&lt;/sub&gt;. 따라서 z&lt;sub&gt;t&lt;/sub&gt; = 1 − Γ&lt;sub&gt;u&lt;/sub&gt;이고, 리셋 게이트 r은 양쪽 모두 Γ&lt;sub&gt;r&lt;/sub&gt;입니다.</translation>
    </message>
    <message>
        <source>Two variants. This app computes PyTorch&apos;s: the reset gate multiplies the recurrent term after the matrix product, r&lt;sub&gt;t&lt;/sub&gt; ⊙ (W&lt;sub&gt;hn&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt; + b&lt;sub&gt;hn&lt;/sub&gt;). Cho et al. (2014) and Ng&apos;s notes reset the state before it, U (r&lt;sub&gt;t&lt;/sub&gt; ⊙ h&lt;sub&gt;t−1&lt;/sub&gt;). The two give different numbers in general.</source>
        <translation>두 가지 변형이 있습니다. 이 앱은 PyTorch의 방식을 계산합니다: 리셋 게이트가 행렬 곱을 한 뒤의 순환 항에 곱해집니다, r&lt;sub&gt;t&lt;/sub&gt; ⊙ (W&lt;sub&gt;hn&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt; + b&lt;sub&gt;hn&lt;/sub&gt;). Cho 등(2014)과 Ng의 노트는 행렬 곱 전에 상태를 리셋합니다, U (r&lt;sub&gt;t&lt;/sub&gt; ⊙ h&lt;sub&gt;t−1&lt;/sub&gt;). 두 방식은 일반적으로 서로 다른 값을 냅니다.</translation>
    </message>
    <message>
        <source>This app follows Gers and Schmidhuber: the input and forget gates look at the previous cell state c&lt;sub&gt;t−1&lt;/sub&gt;, the output gate at the new one c&lt;sub&gt;t&lt;/sub&gt;. Ng&apos;s notes let every gate look at c&lt;sup&gt;⟨t−1⟩&lt;/sup&gt;. Each unit sees only its own cell (the peephole weights are vectors).</source>
        <translation>이 앱은 Gers와 Schmidhuber를 따릅니다: 입력 게이트와 삭제 게이트는 이전 셀 상태 c&lt;sub&gt;t−1&lt;/sub&gt;을, 출력 게이트는 새 셀 상태 c&lt;sub&gt;t&lt;/sub&gt;를 봅니다. Ng의 노트에서는 모든 게이트가 c&lt;sup&gt;⟨t−1⟩&lt;/sup&gt;을 봅니다. 각 유닛은 자기 셀만 봅니다(핍홀 가중치는 벡터입니다).</translation>
    </message>
    <message>
        <source>The app&apos;s squared error (“MSE”) has the factor ½, so its gradient is ŷ − y; it is averaged over the steps where the loss applies. Notes write it with ½ or without: without it every gradient would be twice as large.</source>
        <translation>앱의 제곱 오차(“MSE”)에는 ½이 붙어 있어 기울기가 ŷ − y입니다. 손실을 계산하는 시점들에 대해 평균을 냅니다. 노트에 따라 ½을 붙이기도 하고 빼기도 하는데, 빼면 모든 기울기가 두 배가 됩니다.</translation>
    </message>
    <message>
        <source>The original LSTM of Hochreiter and Schmidhuber (1997) had no forget gate: the cell only accumulates. The forget gate came in 2000 (Gers et al.); the notes&apos; LSTM has one. Choose “LSTM without forget gate (1997)” in the network toolbar to run it.</source>
        <translation>Hochreiter와 Schmidhuber의 원래 LSTM(1997)에는 삭제 게이트가 없었습니다: 셀은 쌓이기만 합니다. 삭제 게이트는 2000년(Gers 등)에 더해졌고, 노트의 LSTM에는 있습니다. 네트워크 도구 모음에서 “망각 게이트 없는 LSTM (1997)”을 고르면 실행해 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>The symbols of LSTM Studio next to those of the course notes (Andrew Ng&apos;s deep learning course and the Korean notes). Help ▸ Equations shows exactly what the app computes; where the notes use another convention, the last column says which one the app follows.</source>
        <translation>LSTM Studio의 기호를 강의 노트(Andrew Ng의 딥러닝 강의와 한국어 노트)의 기호와 나란히 보여 줍니다. 앱이 계산하는 그대로의 식은 도움말 ▸ 수식에 있습니다. 노트가 다른 관례를 쓰는 곳에서는 마지막 열에 앱이 어느 쪽을 따르는지 적었습니다.</translation>
    </message>
    <message>
        <source>LSTM Studio</source>
        <translation>LSTM Studio</translation>
    </message>
    <message>
        <source>Course notes</source>
        <translation>강의 노트</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Watch a recurrent network (RNN, LSTM, GRU) think, one time step at a time.</source>
        <translation>순환 신경망(RNN, LSTM, GRU)이 시점마다 어떻게 계산하는지 살펴봅니다.</translation>
    </message>
    <message>
        <source>Running on {0}.</source>
        <translation>실행 환경: {0}.</translation>
    </message>
    <message>
        <source>Licensed under the MIT license.</source>
        <translation>MIT 라이선스로 배포됩니다.</translation>
    </message>
</context>
<context>
    <name>LayerSelector</name>
    <message>
        <source>Which layer the plots show</source>
        <translation>그래프에 보여 줄 층</translation>
    </message>
    <message>
        <source>Which direction of a bidirectional layer the plots show</source>
        <translation>그래프에 보여 줄 양방향 층의 방향</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>층 {0}</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>순방향</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>역방향</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>The open lesson: its claim, what to look at, and the numbers that carry it, measured again after every edit.</source>
        <translation>열려 있는 실습: 주장, 살펴볼 것, 그리고 주장을 뒷받침하는 숫자. 숫자는 편집할 때마다 다시 측정합니다.</translation>
    </message>
    <message>
        <source>Whether the claim holds for the numbers shown now</source>
        <translation>지금 보이는 숫자에서 주장이 성립하는지 여부</translation>
    </message>
    <message>
        <source>Every lesson of the course, chapter by chapter: choosing one opens it (one undoable step)</source>
        <translation>강의의 모든 실습(장별): 하나를 고르면 열립니다 (한 번에 취소 가능)</translation>
    </message>
    <message>
        <source>Choose a lesson…</source>
        <translation>실습 고르기…</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>시드 </translation>
    </message>
    <message>
        <source>The random numbers the lesson is built from. Its claim holds for every seed: change it and press Reset lesson to try another.</source>
        <translation>실습을 만드는 데 쓰는 난수(시드). 주장은 어떤 시드에서도 성립합니다: 시드를 바꾸고 실습 초기화를 눌러 다른 경우를 시험해 보세요.</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>The previous step of this lesson</source>
        <translation>이 실습의 이전 단계</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>The next step of this lesson</source>
        <translation>이 실습의 다음 단계</translation>
    </message>
    <message>
        <source>Reset lesson</source>
        <translation>실습 초기화</translation>
    </message>
    <message>
        <source>Build this step again from scratch (with the seed shown), undoing every edit made since</source>
        <translation>이 단계를 (표시된 시드로) 처음부터 다시 만들고, 그 뒤에 한 모든 편집을 취소합니다</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop building this lesson (the session stays as it is)</source>
        <translation>이 실습 만들기를 중지합니다 (세션은 그대로 남습니다)</translation>
    </message>
    <message>
        <source>No lesson is open</source>
        <translation>열린 실습이 없습니다</translation>
    </message>
    <message>
        <source>Choose a lesson above or in the Lessons menu: each one builds a session that shows one claim of the course, says what to look at, and measures whether the claim holds while you edit.</source>
        <translation>위에서 또는 실습 메뉴에서 실습을 고르세요: 실습마다 강의의 주장 하나를 보여 주는 세션을 만들고, 무엇을 살펴볼지 알려 주며, 편집하는 동안 주장이 성립하는지 측정합니다.</translation>
    </message>
    <message>
        <source>What to look at:</source>
        <translation>살펴볼 것:</translation>
    </message>
    <message>
        <source>Step {0} of {1}: {2}</source>
        <translation>{1}단계 중 {0}단계: {2}</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Vanilla RNN</source>
        <translation>바닐라 RNN</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Backpropagation through time</source>
        <translation>시간에 따른 역전파</translation>
    </message>
    <message>
        <source>a tanh RNN</source>
        <translation>tanh RNN</translation>
    </message>
    <message>
        <source>a ReLU RNN</source>
        <translation>ReLU RNN</translation>
    </message>
    <message>
        <source>an LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>an LSTM without forget gate</source>
        <translation>삭제 게이트 없는 LSTM</translation>
    </message>
    <message>
        <source>a peephole LSTM</source>
        <translation>핍홀 LSTM</translation>
    </message>
    <message>
        <source>a GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Does not apply: this page needs {wanted}; the network is now {kind}.</source>
        <translation>해당 없음: 이 단계에는 {wanted}이(가) 필요한데, 지금 신경망은 {kind}입니다.</translation>
    </message>
    <message>
        <source>Parameter gradients</source>
        <translation>매개변수 기울기</translation>
    </message>
    <message>
        <source>before clipping</source>
        <translation>클리핑 전</translation>
    </message>
    <message>
        <source>after clipping</source>
        <translation>클리핑 후</translation>
    </message>
    <message>
        <source>‖∇θL‖ before clipping</source>
        <translation>클리핑 전 ‖∇θL‖</translation>
    </message>
    <message>
        <source>‖∇θL‖ after clipping</source>
        <translation>클리핑 후 ‖∇θL‖</translation>
    </message>
    <message>
        <source>clipping threshold</source>
        <translation>클리핑 임계값</translation>
    </message>
    <message>
        <source>No longer holds: ‖∇θL‖ = {before} is only {times}× the threshold {threshold} (the claim needs more than 10×).</source>
        <translation>성립하지 않음: ‖∇θL‖ = {before}은(는) 임계값 {threshold}의 {times}×에 불과합니다 (주장에는 10× 넘게 필요합니다).</translation>
    </message>
    <message>
        <source>Holds: ‖∇θL‖ = {before} is {times}× the threshold; clipping scales every block by the same factor down to a total of {after} — same direction, bounded step.</source>
        <translation>성립: ‖∇θL‖ = {before}은(는) 임계값의 {times}×입니다. 클리핑은 모든 블록을 같은 비율로 줄여 전체가 {after}이(가) 되게 합니다 — 방향은 같고, 보폭은 제한됩니다.</translation>
    </message>
    <message>
        <source>Gradient flow, the bars on the right: the gradient norm of each parameter block (W_ih, W_hh, biases, read-out) before clipping (huge: the gradient explodes, as in the exploding-gradient lesson) and after clipping by norm: every block is multiplied by threshold / ‖∇θL‖, so the whole gradient has norm 1 and keeps its direction. Training then takes a bounded step instead of jumping across the loss surface. The curves of ‖dL/dh_t‖ do not change: clipping acts on the parameter gradients after BPTT. Next: training with and without clipping.</source>
        <translation>기울기 흐름 (BPTT)의 오른쪽 막대: 매개변수 블록(W_ih, W_hh, 편향, 출력층)마다의 기울기 노름을 클리핑 전(매우 큼: 기울기 폭주 실습에서처럼 기울기가 폭주합니다)과 노름 기준 클리핑 후로 보여 줍니다. 클리핑하면 모든 블록에 임계값 / ‖∇θL‖이 곱해져 전체 기울기의 노름은 1이 되고 방향은 그대로 유지됩니다. 그러면 학습은 손실 곡면을 가로질러 튀어 나가는 대신 제한된 보폭으로 나아갑니다. ‖dL/dh_t‖ 곡선은 바뀌지 않습니다: 클리핑은 BPTT가 끝난 뒤 매개변수 기울기에 작용합니다. 다음: 클리핑을 한 학습과 하지 않은 학습.</translation>
    </message>
    <message>
        <source>‖dL/dh_1‖ / ‖dL/dh_T‖ with clipping</source>
        <translation>‖dL/dh_1‖ / ‖dL/dh_T‖ (클리핑 있음)</translation>
    </message>
    <message>
        <source>‖dL/dh_1‖ / ‖dL/dh_T‖ without</source>
        <translation>‖dL/dh_1‖ / ‖dL/dh_T‖ (클리핑 없음)</translation>
    </message>
    <message>
        <source>No longer holds: clipping does not act (‖∇θL‖ = {before}, threshold {threshold}); lower the threshold below the norm.</source>
        <translation>성립하지 않음: 클리핑이 작동하지 않습니다 (‖∇θL‖ = {before}, 임계값 {threshold}). 임계값을 노름보다 낮추세요.</translation>
    </message>
    <message>
        <source>Holds: clipping scaled the parameter gradient down, and the share reaching t = 1 is still {ratio} — exactly as without clipping.</source>
        <translation>성립: 클리핑이 매개변수 기울기를 줄였지만, t = 1에 도달하는 비율은 여전히 {ratio}입니다 — 클리핑이 없을 때와 똑같습니다.</translation>
    </message>
    <message>
        <source>No longer holds: the share reaching t = 1 is {ratio}.</source>
        <translation>성립하지 않음: t = 1에 도달하는 비율이 {ratio}입니다.</translation>
    </message>
    <message>
        <source>The vanishing RNN with clipping switched on, threshold below its gradient norm so that clipping acts (the bars: every block scaled down). Gradient flow: ‖dL/dh_t‖ falls exactly as without clipping — the share of the gradient that reaches t = 1 is the same number. Clipping only shrinks a gradient that is too large; it cannot bring back what 29 multiplications by W_hhᵀ·diag(1 − h²) took away. For that, the cell needs a path that does not shrink: the LSTM&apos;s cell line or the GRU&apos;s update gate.</source>
        <translation>기울기가 소실되는 RNN에 클리핑을 켜고, 클리핑이 작동하도록 임계값을 기울기 노름보다 낮게 두었습니다(막대: 모든 블록이 줄어듦). 기울기 흐름 (BPTT): ‖dL/dh_t‖는 클리핑이 없을 때와 똑같이 줄어듭니다 — t = 1에 도달하는 기울기의 비율은 같은 숫자입니다. 클리핑은 너무 큰 기울기를 줄일 뿐, W_hhᵀ·diag(1 − h²)를 29번 곱하면서 사라진 것을 되돌리지는 못합니다. 그러려면 셀에 줄어들지 않는 경로가 필요합니다: LSTM의 셀 경로나 GRU의 업데이트 게이트.</translation>
    </message>
    <message>
        <source>‖dL/dh_1‖ with full BPTT</source>
        <translation>전체 BPTT의 ‖dL/dh_1‖</translation>
    </message>
    <message>
        <source>No longer holds: clipping by norm is off (Training tab ▸ Clipping: by norm).</source>
        <translation>성립하지 않음: 노름 기준 클리핑이 꺼져 있습니다 (학습 탭 ▸ 클리핑: 노름 기준).</translation>
    </message>
    <message>
        <source>No longer holds: BPTT is not truncated (Training tab ▸ Truncate BPTT).</source>
        <translation>성립하지 않음: BPTT가 잘려 있지 않습니다 (학습 탭 ▸ BPTT 잘라내기).</translation>
    </message>
    <message>
        <source>Does not apply: the sequence must be at least twice as long as the truncation (T = {steps}, k = {k}).</source>
        <translation>해당 없음: 시퀀스가 잘라내는 길이의 두 배 이상이어야 합니다 (T = {steps}, k = {k}).</translation>
    </message>
    <message>
        <source>Holds: with k = {k}, ‖dL/dh_1‖ is exactly 0 (full BPTT: {full}); the loss at t = {steps} reaches back only to t = {first}.</source>
        <translation>성립: k = {k}이면 ‖dL/dh_1‖은 정확히 0입니다 (전체 BPTT: {full}). t = {steps}의 손실은 t = {first}까지만 거슬러 닿습니다.</translation>
    </message>
    <message>
        <source>No longer holds: ‖dL/dh_1‖ = {g1} with k = {k}.</source>
        <translation>성립하지 않음: k = {k}에서 ‖dL/dh_1‖ = {g1}입니다.</translation>
    </message>
    <message>
        <source>Holds: without truncation the gradient reaches t = 1 (‖dL/dh_1‖ = {g1}; {ratio} of ‖dL/dc_T‖ along the cell line).</source>
        <translation>성립: 잘라내지 않으면 기울기가 t = 1까지 닿습니다 (‖dL/dh_1‖ = {g1}; 셀 경로를 따라 ‖dL/dc_T‖의 {ratio}).</translation>
    </message>
    <message>
        <source>No longer holds: BPTT is truncated or ‖dL/dh_1‖ = {g1}.</source>
        <translation>성립하지 않음: BPTT가 잘려 있거나 ‖dL/dh_1‖ = {g1}입니다.</translation>
    </message>
    <message>
        <source>Gradient flow: with BPTT truncated to k = 10 steps (dashed lines at the cuts), the gradient of the loss at t = 30 stops at t = 21: every earlier step gets exactly 0 (no marker: a log axis has no 0). The LSTM here keeps its gradient alive along the cell line (see Next, full BPTT), so what is missing was cut, not vanished. Course note 002 calls truncation a remedy for vanishing gradients; it is not: it cuts every path longer than k and so cannot learn dependencies longer than k. What it saves is computation and memory.</source>
        <translation>기울기 흐름 (BPTT): BPTT를 k = 10 시점으로 자르면(끊긴 곳에 점선), t = 30의 손실의 기울기는 t = 21에서 멈춥니다: 그 이전 시점은 모두 정확히 0을 받습니다(표식 없음: 로그 축에는 0이 없습니다). 이 LSTM은 셀 경로를 따라 기울기를 살려 두므로(다음 단계의 전체 BPTT 참고), 빠진 부분은 소실된 것이 아니라 잘린 것입니다. 강의 노트 002는 잘린 BPTT를 기울기 소실의 해결책이라고 하지만, 그렇지 않습니다: k보다 긴 모든 경로를 끊으므로 k보다 긴 의존성은 학습할 수 없습니다. 잘린 BPTT가 아끼는 것은 계산량과 메모리입니다.</translation>
    </message>
    <message>
        <source>The same LSTM with full BPTT: the gradient reaches all the way back to t = 1, along the cell line. Compare with the previous page, where everything before t = 21 was exactly 0.</source>
        <translation>같은 LSTM에 전체 BPTT: 기울기가 셀 경로를 따라 t = 1까지 거슬러 닿습니다. t = 21 이전이 모두 정확히 0이었던 이전 단계와 비교해 보세요.</translation>
    </message>
    <message>
        <source>Clipping tames exploding gradients</source>
        <translation>클리핑은 기울기 폭주를 다스린다</translation>
    </message>
    <message>
        <source>Gradient clipping rescales a gradient whose norm exceeds a threshold, so one exploding gradient cannot throw training off.</source>
        <translation>기울기 클리핑은 노름이 임계값을 넘는 기울기의 크기를 줄이므로, 한 번의 기울기 폭주가 학습을 망가뜨리지 못합니다.</translation>
    </message>
    <message>
        <source>One exploding gradient, clipped</source>
        <translation>폭주하는 기울기 하나를 클리핑</translation>
    </message>
    <message>
        <source>Clipping does nothing for vanishing gradients</source>
        <translation>클리핑은 기울기 소실에는 효과가 없다</translation>
    </message>
    <message>
        <source>Clipping only shrinks gradients that are too large; a vanishing gradient stays exactly as small at the early steps.</source>
        <translation>클리핑은 너무 큰 기울기를 줄일 뿐입니다. 소실되는 기울기는 앞쪽 시점에서 똑같이 작게 남습니다.</translation>
    </message>
    <message>
        <source>The vanishing RNN, clipped</source>
        <translation>기울기가 소실되는 RNN에 클리핑</translation>
    </message>
    <message>
        <source>Truncated BPTT cuts long dependencies</source>
        <translation>잘린 BPTT는 긴 의존성을 끊는다</translation>
    </message>
    <message>
        <source>Truncating BPTT to k steps makes training cheaper but cuts every gradient path longer than k: beyond the cut the gradient is exactly 0. It is not a cure for vanishing gradients (course note 002 says it is).</source>
        <translation>BPTT를 k 시점으로 자르면 학습 비용은 줄지만 k보다 긴 모든 기울기 경로가 끊깁니다: 끊긴 곳 너머의 기울기는 정확히 0입니다. 잘린 BPTT는 기울기 소실의 해결책이 아닙니다 (강의 노트 002는 해결책이라고 합니다).</translation>
    </message>
    <message>
        <source>Truncated to 10 steps</source>
        <translation>10 시점으로 자름</translation>
    </message>
    <message>
        <source>Full BPTT</source>
        <translation>전체 BPTT</translation>
    </message>
    <message>
        <source>Does not apply: the claim is about long sequences (T ≥ {minimum}); T is now {steps}.</source>
        <translation>해당 없음: 이 주장은 긴 시퀀스(T ≥ {minimum})에 관한 것인데, 지금 T는 {steps}입니다.</translation>
    </message>
    <message>
        <source>Does not apply: this page measures a loss at the last step only; set the loss back to the last step (Targets and loss).</source>
        <translation>해당 없음: 이 단계는 마지막 시점에서만 손실을 측정합니다. 손실을 다시 마지막 시점으로 설정하세요 (목표값과 손실).</translation>
    </message>
    <message>
        <source>consecutive copying steps</source>
        <translation>연속으로 복사하는 시점 수</translation>
    </message>
    <message>
        <source>min z on them</source>
        <translation>그 시점들의 최소 z</translation>
    </message>
    <message>
        <source>No longer holds: the longest copying run is {steps} steps (the claim needs 5 with z &gt; 0.99, |h_t − h_{{t−1}}| &lt; 0.01 and |h| &gt; 0.3).</source>
        <translation>성립하지 않음: 가장 길게 이어진 복사 구간이 {steps} 시점입니다 (주장에는 z &gt; 0.99, |h_t − h_{{t−1}}| &lt; 0.01, |h| &gt; 0.3인 시점이 5개 필요합니다).</translation>
    </message>
    <message>
        <source>Gates: z is bright (≈ 1) for every unit while the marker is on (t = 11…20, input channel 2). States: there h_t = (1 − z)⊙n + z⊙h_{t−1} ≈ h_{t−1}, so every unit&apos;s curve is flat — the state is copied, whatever the words say; elsewhere z ≈ 0 and h follows the candidate n. In Ng&apos;s notes the update gate is Γ_u = 1 − z: there Γ_u = 0 copies (Help ▸ Course notation).</source>
        <translation>시간에 따른 게이트: 표식이 켜져 있는 동안(t = 11…20, 입력 채널 2) 모든 유닛에서 z가 밝습니다(≈ 1). 상태 h와 c: 그 구간에서는 h_t = (1 − z)⊙n + z⊙h_{t−1} ≈ h_{t−1}이므로 모든 유닛의 곡선이 평평합니다 — 단어가 무엇이든 상태가 복사됩니다. 다른 곳에서는 z ≈ 0이고 h는 후보 값 n을 따라갑니다. Ng의 노트에서 업데이트 게이트는 Γ_u = 1 − z이므로, 거기서는 Γ_u = 0일 때 복사합니다 (도움말 ▸ 강의 표기법).</translation>
    </message>
    <message>
        <source>steps with r &lt; 0.01</source>
        <translation>r &lt; 0.01인 시점 수</translation>
    </message>
    <message>
        <source>max r on them</source>
        <translation>그 시점들의 최대 r</translation>
    </message>
    <message>
        <source>max ‖∂n_t/∂h_{t−1}‖ there</source>
        <translation>그 구간의 최대 ‖∂n_t/∂h_{t−1}‖</translation>
    </message>
    <message>
        <source>median ‖∂n_t/∂h_{t−1}‖ elsewhere</source>
        <translation>다른 구간의 ‖∂n_t/∂h_{t−1}‖ 중앙값</translation>
    </message>
    <message>
        <source>How much the candidate n_t depends on h_{t−1}</source>
        <translation>후보 값 n_t가 h_{t−1}에 얼마나 의존하는지</translation>
    </message>
    <message>
        <source>max r_t</source>
        <translation>최대 r_t</translation>
    </message>
    <message>
        <source>Holds: on t = {first}…{last} r ≤ {r}, and ‖∂n_t/∂h_{{t−1}}‖ ≤ {on} (elsewhere {off}): the candidate ignores the past.</source>
        <translation>성립: t = {first}…{last}에서 r ≤ {r}이고 ‖∂n_t/∂h_{{t−1}}‖ ≤ {on}입니다 (다른 구간에서는 {off}): 후보 값이 과거를 무시합니다.</translation>
    </message>
    <message>
        <source>No longer holds: the longest span with r &lt; 0.01 has {steps} steps and ‖∂n_t/∂h_{{t−1}}‖ reaches {on} on it.</source>
        <translation>성립하지 않음: r &lt; 0.01인 가장 긴 구간은 {steps} 시점이고, 그 구간에서 ‖∂n_t/∂h_{{t−1}}‖이 {on}에 이릅니다.</translation>
    </message>
    <message>
        <source>Gates: r is dark (≈ 0) while the marker is on (t = 11…20). The candidate n_t = tanh(W_in x_t + b_in + r⊙(W_hn h_{t−1} + b_hn)) then sees only the input: the figure shows ‖∂n_t/∂h_{t−1}‖ dropping to almost 0 on those steps, together with the largest r_t. Since z ≈ 0.12 here, h_t is mostly n_t, so on the span the state starts afresh from the input. (This app computes PyTorch&apos;s candidate, r⊙(W_hn h + b_hn); Cho et al. 2014 write W(r⊙h) — Help ▸ Course notation.)</source>
        <translation>시간에 따른 게이트: 표식이 켜져 있는 동안(t = 11…20) r이 어둡습니다(≈ 0). 그러면 후보 값 n_t = tanh(W_in x_t + b_in + r⊙(W_hn h_{t−1} + b_hn))는 입력만 봅니다: 그림은 그 시점들에서 ‖∂n_t/∂h_{t−1}‖이 거의 0으로 떨어지는 모습을 가장 큰 r_t와 함께 보여 줍니다. 여기서는 z ≈ 0.12이므로 h_t는 대부분 n_t이고, 따라서 그 구간에서 상태는 입력으로부터 새로 시작합니다. (이 앱은 PyTorch의 후보 값 r⊙(W_hn h + b_hn)을 계산합니다. Cho 등(2014)은 W(r⊙h)로 씁니다 — 도움말 ▸ 강의 표기법.)</translation>
    </message>
    <message>
        <source>RNN</source>
        <translation>RNN</translation>
    </message>
    <message>
        <source>peephole</source>
        <translation>핍홀</translation>
    </message>
    <message>
        <source>parameters: {kind}</source>
        <translation>매개변수: {kind}</translation>
    </message>
    <message>
        <source>µs per step: {kind}</source>
        <translation>단계당 µs: {kind}</translation>
    </message>
    <message>
        <source>Relative to the LSTM (= 1)</source>
        <translation>LSTM 대비 (= 1)</translation>
    </message>
    <message>
        <source>× LSTM</source>
        <translation>× LSTM</translation>
    </message>
    <message>
        <source>The GRU has fewer gates (three blocks instead of four), no separate cell state and fewer parameters than an LSTM of the same size, so each step has less to compute.</source>
        <translation>GRU는 같은 크기의 LSTM보다 게이트가 적고(블록 네 개 대신 세 개), 별도의 셀 상태가 없으며 매개변수도 적어서, 단계마다 계산할 것이 적습니다.</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>time per step</source>
        <translation>단계당 시간</translation>
    </message>
    <message>
        <source>Holds: at {inputs} inputs and {hidden} units a GRU layer has {gru} parameters, an LSTM {lstm} ({share}×: three gate blocks instead of four); measured here, a GRU step takes {time}× the LSTM&apos;s time.</source>
        <translation>성립: 입력 {inputs}개, 유닛 {hidden}개일 때 GRU 층의 매개변수는 {gru}개, LSTM은 {lstm}개입니다 ({share}×: 게이트 블록이 네 개 대신 세 개). 여기서 측정하면 GRU 한 단계는 LSTM의 {time}× 시간이 걸립니다.</translation>
    </message>
    <message>
        <source>No longer holds: the GRU has {gru} parameters, the LSTM {lstm}.</source>
        <translation>성립하지 않음: GRU의 매개변수는 {gru}개, LSTM은 {lstm}개입니다.</translation>
    </message>
    <message>
        <source>Holds: for {steps} steps (t = {first}…{last}) z ≥ 1 − {z} in every unit and h moves by at most {change} while |h| ≥ {h}: the state is copied.</source>
        <translation>성립: {steps} 시점 동안(t = {first}…{last}) 모든 유닛에서 z ≥ 1 − {z}이고, |h| ≥ {h}인 채로 h가 많아야 {change}만큼만 움직입니다: 상태가 복사됩니다.</translation>
    </message>
    <message>
        <source>Holds: at {inputs} inputs and {hidden} units a GRU layer has {gru} parameters, an LSTM {lstm} ({share}×: three gate blocks instead of four). Times are measured up to {limit} units only.</source>
        <translation>성립: 입력 {inputs}개, 유닛 {hidden}개일 때 GRU 층의 매개변수는 {gru}개, LSTM은 {lstm}개입니다 ({share}×: 게이트 블록이 네 개 대신 세 개). 시간은 유닛 {limit}개까지만 측정합니다.</translation>
    </message>
    <message>
        <source>Gates: three heatmaps (r, z, n) instead of the LSTM&apos;s four, and States: no separate cell state — the GRU merges the forget and input gates into one update gate and has no output gate. The figure compares parameters and the measured time of a forward + BPTT step (batch of 32) for a layer of each kind at this size; change the sizes in the toolbar and the numbers follow. Whether a GRU learns as well as an LSTM depends on the task (see &quot;RNN fails where LSTM and GRU learn&quot;).</source>
        <translation>시간에 따른 게이트: LSTM의 히트맵 네 개 대신 세 개(r, z, n). 상태 h와 c: 별도의 셀 상태가 없습니다 — GRU는 삭제 게이트와 입력 게이트를 업데이트 게이트 하나로 합쳤고 출력 게이트가 없습니다. 그림은 이 크기에서 종류별 층 하나의 매개변수 수와, 순전파 + BPTT 한 단계(배치 32)에 걸리는 측정 시간을 비교합니다. 도구 모음에서 크기를 바꾸면 숫자도 따라 바뀝니다. GRU가 LSTM만큼 잘 학습하는지는 과제에 따라 다릅니다(&quot;RNN은 실패하고 LSTM과 GRU는 학습한다&quot; 참고).</translation>
    </message>
    <message>
        <source>Update gate 1 copies the state</source>
        <translation>업데이트 게이트 1은 상태를 복사한다</translation>
    </message>
    <message>
        <source>With the update gate z ≈ 1 the GRU copies its state from step to step, h_t ≈ h_{t−1}, whatever the input — the GRU&apos;s way to remember.</source>
        <translation>업데이트 게이트가 z ≈ 1이면 GRU는 입력이 무엇이든 상태를 시점에서 시점으로 그대로 복사합니다(h_t ≈ h_{t−1}) — GRU가 기억하는 방식입니다.</translation>
    </message>
    <message>
        <source>A marker opens the update gate</source>
        <translation>표식이 업데이트 게이트를 연다</translation>
    </message>
    <message>
        <source>Reset gate 0 makes the candidate ignore the past</source>
        <translation>리셋 게이트 0이면 후보 값이 과거를 무시한다</translation>
    </message>
    <message>
        <source>With the reset gate r ≈ 0 the GRU&apos;s candidate n_t depends on the input only, not on h_{t−1}.</source>
        <translation>리셋 게이트가 r ≈ 0이면 GRU의 후보 값 n_t는 h_{t−1}이 아니라 입력에만 의존합니다.</translation>
    </message>
    <message>
        <source>A marker shuts the reset gate</source>
        <translation>표식이 리셋 게이트를 닫는다</translation>
    </message>
    <message>
        <source>The GRU is lighter</source>
        <translation>GRU는 더 가볍다</translation>
    </message>
    <message>
        <source>Parameters and time, side by side</source>
        <translation>매개변수와 시간 나란히 보기</translation>
    </message>
    <message>
        <source>mean forget gate f</source>
        <translation>삭제 게이트 f의 평균</translation>
    </message>
    <message>
        <source>mean forget-gate bias</source>
        <translation>삭제 게이트 편향의 평균</translation>
    </message>
    <message>
        <source>Holds: {ratio} of ‖dL/dc_T‖ is still there at t = 1, carried along the cell line (mean forget gate {f}, forget-gate bias {bias}).</source>
        <translation>성립: ‖dL/dc_T‖의 {ratio}이(가) 셀 경로를 따라 전달되어 t = 1에도 남아 있습니다 (삭제 게이트 평균 {f}, 삭제 게이트 편향 {bias}).</translation>
    </message>
    <message>
        <source>No longer holds: only {ratio} of ‖dL/dc_T‖ reaches t = 1 (the claim needs more than 0.1); the mean forget gate is {f}.</source>
        <translation>성립하지 않음: ‖dL/dc_T‖의 {ratio}만 t = 1에 도달합니다 (주장에는 0.1보다 커야 합니다). 삭제 게이트의 평균은 {f}입니다.</translation>
    </message>
    <message>
        <source>Holds: with the forget gate half shut (mean f = {f}) only {ratio} of ‖dL/dc_T‖ reaches t = 1 — no better than an RNN.</source>
        <translation>성립: 삭제 게이트가 반쯤 닫혀 있으면(평균 f = {f}) ‖dL/dc_T‖의 {ratio}만 t = 1에 도달합니다 — RNN보다 나을 게 없습니다.</translation>
    </message>
    <message>
        <source>No longer holds: {ratio} of ‖dL/dc_T‖ reaches t = 1 (mean f = {f}); the claim needs less than 0.001.</source>
        <translation>성립하지 않음: ‖dL/dc_T‖의 {ratio}이(가) t = 1에 도달합니다 (평균 f = {f}). 주장에는 0.001보다 작아야 합니다.</translation>
    </message>
    <message>
        <source>The same LSTM with forget-gate bias 0: f ≈ σ(0) = 0.5 at every step, and 29 steps multiply the cell line&apos;s gradient by about 0.5²⁹ ≈ 2·10⁻⁹ — ‖dL/dc_t‖ now falls as steeply as an RNN&apos;s. A freshly initialised LSTM keeps little more than an RNN over 30 steps; the forget-gate bias is what makes the cell line a highway.</source>
        <translation>삭제 게이트 편향이 0인 같은 LSTM: 모든 시점에서 f ≈ σ(0) = 0.5이고, 29 시점을 지나면 셀 경로의 기울기에 약 0.5²⁹ ≈ 2·10⁻⁹이 곱해집니다 — 이제 ‖dL/dc_t‖도 RNN만큼 가파르게 줄어듭니다. 갓 초기화된 LSTM은 30 시점에 걸쳐 RNN보다 별로 더 많이 간직하지 못합니다. 셀 경로를 고속도로로 만드는 것은 삭제 게이트 편향입니다.</translation>
    </message>
    <message>
        <source>No longer holds: no cell holds more than 0.5, so there is nothing to erase.</source>
        <translation>성립하지 않음: 0.5보다 큰 값을 담은 셀이 없어서 지울 것이 없습니다.</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>Holds: at t = {t} unit {unit}&apos;s forget gate is {f}, and its cell goes from {c_prev} to {c}.</source>
        <translation>성립: t = {t}에서 유닛 {unit}의 삭제 게이트는 {f}이고, 그 셀은 {c_prev}에서 {c}(으)로 바뀝니다.</translation>
    </message>
    <message>
        <source>No longer holds: the forget gate never shuts on a full cell; the smallest is f = {f} at t = {t} (unit {unit}, c_{{t−1}} = {c_prev}, c_t = {c}).</source>
        <translation>성립하지 않음: 값이 찬 셀에서 삭제 게이트가 한 번도 닫히지 않습니다. 가장 작은 값은 t = {t}에서 f = {f}입니다 (유닛 {unit}, c_{{t−1}} = {c_prev}, c_t = {c}).</translation>
    </message>
    <message>
        <source>States: the cell of unit 0 holds &quot;Moscow&quot; (c ≈ 0.96) until t = 16, then drops to 0. There the full stop (input channel 2) drives its forget gate to f ≈ 0 (Gates: the dark dot in f&apos;s top row), so f⊙c_{t−1} is 0 and the cell keeps only what the input gate lets in now (i ≈ 0 here). The cell diagram at t = 16, unit 0, shows the numbers. Gradient flow: ‖dL/dc_t‖ falls to almost nothing before t = 16 — the path back to &quot;Moscow&quot; is cut.</source>
        <translation>상태 h와 c: 유닛 0의 셀은 t = 16까지 &quot;모스크바&quot;를 담고 있다가(c ≈ 0.96) 0으로 떨어집니다. 그 시점에서 마침표(입력 채널 2)가 삭제 게이트를 f ≈ 0으로 만들어(시간에 따른 게이트: f의 맨 윗줄에 있는 어두운 점) f⊙c_{t−1}이 0이 되고, 셀에는 지금 입력 게이트가 들여보내는 것만 남습니다(여기서는 i ≈ 0). 셀 다이어그램에서 t = 16, 유닛 0을 보면 숫자를 확인할 수 있습니다. 기울기 흐름 (BPTT): t = 16 이전에서는 ‖dL/dc_t‖가 거의 0으로 떨어집니다 — &quot;모스크바&quot;로 돌아가는 경로가 끊긴 것입니다.</translation>
    </message>
    <message>
        <source>No longer holds: the cell starts empty (max |c0| = {c0}); with nothing in it, a shut input gate has nothing to keep (Initial state tab).</source>
        <translation>성립하지 않음: 셀이 빈 채로 시작합니다 (최대 |c0| = {c0}). 셀에 아무것도 없으면 입력 게이트가 닫혀도 간직할 것이 없습니다 (초기 상태 탭).</translation>
    </message>
    <message>
        <source>No longer holds: the input gate opens to {i} at t = {t} (unit {unit}).</source>
        <translation>성립하지 않음: t = {t}에서 입력 게이트가 {i}까지 열립니다 (유닛 {unit}).</translation>
    </message>
    <message>
        <source>No longer holds: c_t differs from f⊙c_{{t−1}} by {residual}.</source>
        <translation>성립하지 않음: c_t가 f⊙c_{{t−1}}과 {residual}만큼 다릅니다.</translation>
    </message>
    <message>
        <source>Holds: the input gate stays below {i}, so c_t = f⊙c_{{t−1}} to within {residual}: the cell keeps (or fades) what c0 held and takes nothing in.</source>
        <translation>성립: 입력 게이트가 {i} 아래에 머물므로 {residual} 이내에서 c_t = f⊙c_{{t−1}}입니다: 셀은 c0에 담겨 있던 것을 간직하거나 서서히 잃을 뿐, 새로 받아들이는 것이 없습니다.</translation>
    </message>
    <message>
        <source>States: every c_t curve only keeps or fades what the cell started with (c0 ≠ 0, Initial state tab): units whose forget gate is near 1 stay flat, others decay by f at each step. The input gate is shut (bias −12, Gates: i is dark everywhere), so the sentence — &quot;Moscow&quot; at t = 1 included — never enters the cell. With an empty cell (c0 = 0) this would show nothing: there would be nothing to keep.</source>
        <translation>상태 h와 c: 모든 c_t 곡선은 셀이 처음에 담고 있던 것(c0 ≠ 0, 초기 상태 탭)을 간직하거나 서서히 잃을 뿐입니다: 삭제 게이트가 1에 가까운 유닛은 평평하게 유지되고, 나머지는 시점마다 f배로 줄어듭니다. 입력 게이트가 닫혀 있으므로(편향 −12, 시간에 따른 게이트: 모든 곳에서 i가 어두움) 문장은 — t = 1의 &quot;모스크바&quot;까지 포함해 — 셀에 전혀 들어가지 않습니다. 셀이 비어 있으면(c0 = 0) 아무것도 보이지 않을 것입니다: 간직할 것이 없으니까요.</translation>
    </message>
    <message>
        <source>No longer holds: the output gate opens to {o}.</source>
        <translation>성립하지 않음: 출력 게이트가 {o}까지 열립니다.</translation>
    </message>
    <message>
        <source>No longer holds: the cell holds little (max |c| = {c}): nothing to hide.</source>
        <translation>성립하지 않음: 셀에 담긴 것이 거의 없습니다 (최대 |c| = {c}): 숨길 것이 없습니다.</translation>
    </message>
    <message>
        <source>No longer holds: h reaches {h}.</source>
        <translation>성립하지 않음: h가 {h}에 이릅니다.</translation>
    </message>
    <message>
        <source>Holds: the cell holds up to {c}, but with o ≤ {o} the hidden state stays below {h}: nothing of the cell reaches h or the output.</source>
        <translation>성립: 셀에는 최대 {c}이(가) 담겨 있지만, o ≤ {o}이므로 은닉 상태는 {h} 아래에 머뭅니다: 셀의 내용이 h에도 출력에도 전혀 닿지 않습니다.</translation>
    </message>
    <message>
        <source>Gradient flow: ‖dL/dc_t‖ (triangles) stays within a factor of a few from t = T back to t = 1. Going back one step along the cell line, c_t = f⊙c_{t−1} + i⊙g, multiplies the gradient only by the forget gate: no weight matrix, no tanh&apos;. That keeps it alive only while f stays near 1 — here f ≈ σ(4) ≈ 0.98 because the forget-gate bias is 4 (Weights ▸ b_if). Gers et al. (2000) and Jozefowicz et al. (2015) recommend a bias of 1 or more for this reason. Next: the same LSTM with bias 0.</source>
        <translation>기울기 흐름 (BPTT): ‖dL/dc_t‖(삼각형)는 t = T에서 t = 1까지 몇 배 이내에서 유지됩니다. 셀 경로 c_t = f⊙c_{t−1} + i⊙g를 따라 한 시점 거슬러 가면 기울기에는 삭제 게이트만 곱해집니다: 가중치 행렬도, tanh&apos;도 곱해지지 않습니다. 그래서 기울기는 f가 1 가까이에 머무는 동안에만 살아남습니다 — 여기서는 삭제 게이트 편향이 4이므로(가중치 ▸ b_if) f ≈ σ(4) ≈ 0.98입니다. 이 때문에 Gers 등(2000)과 Jozefowicz 등(2015)은 편향을 1 이상으로 두라고 권합니다. 다음: 편향이 0인 같은 LSTM.</translation>
    </message>
    <message>
        <source>Holds: with o ≥ 1 − {o}, h_t = tanh(c_t) to within {gap}.</source>
        <translation>성립: o ≥ 1 − {o}이므로 {gap} 이내에서 h_t = tanh(c_t)입니다.</translation>
    </message>
    <message>
        <source>No longer holds: h_t differs from tanh(c_t) by {gap} (min o = 1 − {o}).</source>
        <translation>성립하지 않음: h_t가 tanh(c_t)와 {gap}만큼 다릅니다 (최소 o = 1 − {o}).</translation>
    </message>
    <message>
        <source>States: the cell c_t keeps &quot;Moscow&quot; (±0.99) all the way to t = T, but h_t is flat at 0: the output gate is shut (bias −12; Gates: o is dark), and h_t = o⊙tanh(c_t). The read-out sees only h, so the output ŷ knows nothing of what the cell holds (Output and loss). Next: the output gate open.</source>
        <translation>상태 h와 c: 셀 c_t는 t = T까지 줄곧 &quot;모스크바&quot;(±0.99)를 간직하지만, h_t는 0에 평평하게 머뭅니다: 출력 게이트가 닫혀 있고(편향 −12; 시간에 따른 게이트: o가 어두움) h_t = o⊙tanh(c_t)이기 때문입니다. 출력층은 h만 보므로 출력 ŷ는 셀에 담긴 것을 전혀 알지 못합니다 (출력과 손실). 다음: 출력 게이트를 연 경우.</translation>
    </message>
    <message>
        <source>The same cell with the output gate open (bias +12, o ≈ 1): h_t = tanh(c_t), so the hidden state now shows what the cell holds, and the output follows.</source>
        <translation>출력 게이트를 연 같은 셀(편향 +12, o ≈ 1): h_t = tanh(c_t)이므로 이제 은닉 상태가 셀에 담긴 것을 보여 주고, 출력도 그것을 따라갑니다.</translation>
    </message>
    <message>
        <source>Holds: with nothing to forget, the cell piles up to |c_T| = {c}, while h stays within ±1 (max {h}): tanh(c) saturates.</source>
        <translation>성립: 잊게 하는 것이 없으니 셀은 |c_T| = {c}까지 쌓이지만, h는 ±1 안에 머뭅니다 (최대 {h}): tanh(c)가 포화됩니다.</translation>
    </message>
    <message>
        <source>No longer holds: the cell reaches only |c_T| = {c} (the claim needs more than 5).</source>
        <translation>성립하지 않음: 셀이 |c_T| = {c}까지만 이릅니다 (주장에는 5보다 커야 합니다).</translation>
    </message>
    <message>
        <source>Holds: with a forget gate (mean f = {f}) the cell settles at |c_T| = {c}.</source>
        <translation>성립: 삭제 게이트가 있으면(평균 f = {f}) 셀은 |c_T| = {c}에서 안정됩니다.</translation>
    </message>
    <message>
        <source>No longer holds: the cell still grows to |c_T| = {c} (mean f = {f}).</source>
        <translation>성립하지 않음: 셀이 여전히 |c_T| = {c}까지 커집니다 (평균 f = {f}).</translation>
    </message>
    <message>
        <source>The LSTM of Hochreiter &amp; Schmidhuber (1997) had no forget gate: c_t = c_{t−1} + i⊙g. States: the cell only accumulates — every step adds i⊙g, and c_t climbs past 5 — while h_t = o⊙tanh(c_t) stays within ±1 because tanh saturates (and then passes no gradient). The forget gate (Gers et al. 2000) lets the cell let go. Next: the same weights with a forget gate.</source>
        <translation>Hochreiter &amp; Schmidhuber(1997)의 LSTM에는 삭제 게이트가 없었습니다: c_t = c_{t−1} + i⊙g. 상태 h와 c: 셀은 쌓이기만 합니다 — 시점마다 i⊙g가 더해져 c_t는 5를 넘어 올라가는데, h_t = o⊙tanh(c_t)는 tanh가 포화되기 때문에 ±1 안에 머뭅니다(그리고 포화되면 기울기를 전달하지 못합니다). 삭제 게이트(Gers 등 2000)가 있어야 셀이 값을 내려놓을 수 있습니다. 다음: 같은 가중치에 삭제 게이트를 더한 경우.</translation>
    </message>
    <message>
        <source>The same weights with a forget gate f ≈ 0.8: the cell settles where what the input adds equals what f lets go, c ≈ i⊙g / (1 − f).</source>
        <translation>같은 가중치에 삭제 게이트 f ≈ 0.8을 더한 경우: 셀은 입력이 더하는 양과 f가 내려놓는 양이 같아지는 곳, c ≈ i⊙g / (1 − f)에서 안정됩니다.</translation>
    </message>
    <message>
        <source>largest change of o by the peephole</source>
        <translation>핍홀에 의한 o의 최대 변화</translation>
    </message>
    <message>
        <source>o with peephole</source>
        <translation>핍홀이 있을 때 o</translation>
    </message>
    <message>
        <source>o without peephole</source>
        <translation>핍홀이 없을 때 o</translation>
    </message>
    <message>
        <source>ŷ_T with peepholes</source>
        <translation>핍홀이 있을 때 ŷ_T</translation>
    </message>
    <message>
        <source>ŷ_T without</source>
        <translation>핍홀이 없을 때 ŷ_T</translation>
    </message>
    <message>
        <source>loss with peepholes</source>
        <translation>핍홀이 있을 때 손실</translation>
    </message>
    <message>
        <source>loss without</source>
        <translation>핍홀이 없을 때 손실</translation>
    </message>
    <message>
        <source>Output gate o of the selected unit</source>
        <translation>선택한 유닛의 출력 게이트 o</translation>
    </message>
    <message>
        <source>with peephole</source>
        <translation>핍홀 있음</translation>
    </message>
    <message>
        <source>peepholes set to 0</source>
        <translation>핍홀을 0으로 설정</translation>
    </message>
    <message>
        <source>Holds: at t = {t} (unit {unit}) the peephole opens the output gate to {o} (without it: {o_blind}), and the answer ŷ_T is {y} instead of {y_blind}.</source>
        <translation>성립: t = {t}에서(유닛 {unit}) 핍홀이 출력 게이트를 {o}까지 엽니다(핍홀이 없으면 {o_blind}). 그래서 답 ŷ_T가 {y_blind} 대신 {y}입니다.</translation>
    </message>
    <message>
        <source>No longer holds: the peepholes change o by at most {o} − {o_blind} and ŷ_T from {y_blind} to {y}.</source>
        <translation>성립하지 않음: 핍홀이 o를 많아야 {o} − {o_blind}만큼 바꾸고, ŷ_T를 {y_blind}에서 {y}(으)로 바꿉니다.</translation>
    </message>
    <message>
        <source>The output gate&apos;s bias is −4 (o ≈ 0.02: shut), but through the peephole w_co = 6 it sees its own cell: while the cell holds &quot;Moscow&quot; (c ≈ 1), o = σ(−4 + 6·c_t) ≈ 0.9 and the answer comes out. The figure shows o of the selected unit with the peepholes and with them set to 0. Each unit&apos;s cell reaches only its own gates (w_ci, w_cf, w_co are vectors: a diagonal connection; cell diagram: dashed lines). Set w_co to 0 in Weights to see the answer vanish.</source>
        <translation>출력 게이트의 편향은 −4이지만(o ≈ 0.02: 닫힘), 핍홀 w_co = 6을 통해 자기 셀을 봅니다: 셀이 &quot;모스크바&quot;를 담고 있는 동안(c ≈ 1) o = σ(−4 + 6·c_t) ≈ 0.9가 되어 답이 나옵니다. 그림은 선택한 유닛의 o를 핍홀이 있을 때와 핍홀을 0으로 설정했을 때로 나누어 보여 줍니다. 각 유닛의 셀은 자기 게이트에만 닿습니다(w_ci, w_cf, w_co는 벡터: 대각 연결; 셀 다이어그램: 점선). 가중치에서 w_co를 0으로 설정하면 답이 사라지는 것을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>loss L</source>
        <translation>손실 L</translation>
    </message>
    <message>
        <source>Holds: the gradient at t = 1 is {ratio} times the one at t = T — an LSTM explodes too.</source>
        <translation>성립: t = 1의 기울기가 t = T의 기울기의 {ratio}배입니다 — LSTM도 폭주합니다.</translation>
    </message>
    <message>
        <source>No longer holds: the gradient at t = 1 is {ratio} times the one at t = T (the claim needs more than 1000).</source>
        <translation>성립하지 않음: t = 1의 기울기가 t = T의 기울기의 {ratio}배입니다 (주장에는 1000배보다 커야 합니다).</translation>
    </message>
    <message>
        <source>Gradient flow: ‖dL/dh_t‖ and ‖dL/dc_t‖ rise about ×1.4 per step back, 10⁴ in all. Every gate is open (f ≈ 1, as on the cell highway), and the candidate reads the unit&apos;s own output back (W_hg = 0.5·I): each step adds about half of the cell to itself, c_t ≈ 1.4·c_{t−1}, and the gradient grows the same way (the inputs are whispers, so nothing saturates). Course note 004 says an LSTM cannot explode: it can — the forget gate stops vanishing along the cell line, not growth through the weights, which is why LSTMs are trained with gradient clipping too.</source>
        <translation>기울기 흐름 (BPTT): ‖dL/dh_t‖와 ‖dL/dc_t‖가 한 시점 거슬러 갈 때마다 약 ×1.4씩, 모두 합쳐 10⁴까지 커집니다. 모든 게이트가 열려 있고(셀 고속도로에서처럼 f ≈ 1), 후보 값은 유닛 자신의 출력을 다시 읽습니다(W_hg = 0.5·I): 시점마다 셀 값의 약 절반이 자기 자신에 더해져 c_t ≈ 1.4·c_{t−1}이 되고, 기울기도 같은 방식으로 커집니다(입력이 속삭임처럼 작아서 아무것도 포화되지 않습니다). 강의 노트 004는 LSTM은 폭주할 수 없다고 하지만, 폭주할 수 있습니다 — 삭제 게이트는 셀 경로를 따른 소실을 막을 뿐, 가중치를 통한 증가를 막지는 못합니다. 그래서 LSTM도 기울기 클리핑과 함께 학습합니다.</translation>
    </message>
    <message>
        <source>The cell line keeps gradients alive</source>
        <translation>셀 경로는 기울기를 살려 둔다</translation>
    </message>
    <message>
        <source>The cell state passes from step to step through only an element-wise product with f and a sum, so its gradient survives far longer than a vanilla RNN&apos;s — as long as the forget gate stays near 1.</source>
        <translation>셀 상태는 f와의 요소별 곱과 덧셈만 거쳐 다음 시점으로 넘어가므로, 그 기울기는 바닐라 RNN의 기울기보다 훨씬 오래 살아남습니다 — 삭제 게이트가 1 가까이에 머무는 한.</translation>
    </message>
    <message>
        <source>Forget-gate bias 4: a highway</source>
        <translation>삭제 게이트 편향 4: 고속도로</translation>
    </message>
    <message>
        <source>Forget-gate bias 0: no highway</source>
        <translation>삭제 게이트 편향 0: 고속도로 없음</translation>
    </message>
    <message>
        <source>Forget gate 0 erases the cell</source>
        <translation>삭제 게이트 0은 셀을 지운다</translation>
    </message>
    <message>
        <source>With the forget gate at 0 the previous cell state has no influence: c_t = i⊙g, whatever c_{t−1} held.</source>
        <translation>삭제 게이트가 0이면 이전 셀 상태는 아무 영향도 주지 못합니다: c_{t−1}에 무엇이 있었든 c_t = i⊙g입니다.</translation>
    </message>
    <message>
        <source>A full stop shuts the forget gate</source>
        <translation>마침표가 삭제 게이트를 닫는다</translation>
    </message>
    <message>
        <source>Input gate 0 keeps the cell as it was</source>
        <translation>입력 게이트 0은 셀을 그대로 둔다</translation>
    </message>
    <message>
        <source>With the input gate at 0 the new cell state depends only on the previous one: c_t = f⊙c_{t−1}. It shows only when the cell already holds something.</source>
        <translation>입력 게이트가 0이면 새 셀 상태는 이전 셀 상태에만 의존합니다: c_t = f⊙c_{t−1}. 이것은 셀에 이미 무언가가 담겨 있을 때만 드러납니다.</translation>
    </message>
    <message>
        <source>A shut input gate on a full cell</source>
        <translation>값이 찬 셀에서 닫힌 입력 게이트</translation>
    </message>
    <message>
        <source>Output gate 0 hides the cell</source>
        <translation>출력 게이트 0은 셀을 숨긴다</translation>
    </message>
    <message>
        <source>With the output gate at 0 the hidden state is 0 whatever the cell holds; at 1 it is tanh(c_t).</source>
        <translation>출력 게이트가 0이면 셀에 무엇이 담겨 있든 은닉 상태는 0이고, 1이면 tanh(c_t)입니다.</translation>
    </message>
    <message>
        <source>Output gate shut</source>
        <translation>출력 게이트 닫힘</translation>
    </message>
    <message>
        <source>Output gate open</source>
        <translation>출력 게이트 열림</translation>
    </message>
    <message>
        <source>The 1997 LSTM had no forget gate</source>
        <translation>1997년의 LSTM에는 삭제 게이트가 없었다</translation>
    </message>
    <message>
        <source>The original LSTM (Hochreiter &amp; Schmidhuber 1997) had no forget gate: its cell only accumulates, c_t = c_{t−1} + i⊙g.</source>
        <translation>원래의 LSTM(Hochreiter &amp; Schmidhuber 1997)에는 삭제 게이트가 없었습니다: 셀은 쌓이기만 합니다, c_t = c_{t−1} + i⊙g.</translation>
    </message>
    <message>
        <source>No forget gate: the cell piles up</source>
        <translation>삭제 게이트 없음: 셀이 쌓인다</translation>
    </message>
    <message>
        <source>With a forget gate: the cell settles</source>
        <translation>삭제 게이트 있음: 셀이 안정된다</translation>
    </message>
    <message>
        <source>Peepholes let gates read the cell</source>
        <translation>핍홀로 게이트가 셀을 읽는다</translation>
    </message>
    <message>
        <source>Peephole connections let the gates look at the cell state, each unit&apos;s cell only at its own gates (a diagonal connection) — enough to change a gate and the outcome.</source>
        <translation>핍홀 연결로 게이트가 셀 상태를 볼 수 있습니다. 각 유닛의 셀은 자기 게이트에만 연결되지만(대각 연결) 게이트와 결과를 바꾸기에는 충분합니다.</translation>
    </message>
    <message>
        <source>A cell that opens its own output gate</source>
        <translation>자기 출력 게이트를 여는 셀</translation>
    </message>
    <message>
        <source>An LSTM can explode as well</source>
        <translation>LSTM도 폭주할 수 있다</translation>
    </message>
    <message>
        <source>The LSTM&apos;s cell line stops gradients from vanishing, not from exploding: through its recurrent weights an LSTM&apos;s gradient can grow exponentially too (course note 004 says otherwise).</source>
        <translation>LSTM의 셀 경로는 기울기 소실을 막을 뿐 기울기 폭주를 막지는 않습니다: 순환 가중치를 통해 LSTM의 기울기도 지수적으로 커질 수 있습니다 (강의 노트 004는 그렇지 않다고 합니다).</translation>
    </message>
    <message>
        <source>The cell feeds itself</source>
        <translation>스스로를 되먹이는 셀</translation>
    </message>
    <message>
        <source>largest singular value of W_hh</source>
        <translation>W_hh의 최대 특잇값</translation>
    </message>
    <message>
        <source>Holds: only {ratio} of the gradient at t = {steps} reaches t = 1: the first word can hardly be learned.</source>
        <translation>성립: t = {steps}의 기울기 중 {ratio}만 t = 1에 도달합니다: 첫 단어는 거의 학습할 수 없습니다.</translation>
    </message>
    <message>
        <source>No longer holds: {ratio} of the gradient at t = {steps} reaches t = 1 (the claim needs less than 0.001).</source>
        <translation>성립하지 않음: t = {steps}의 기울기 중 {ratio}이(가) t = 1에 도달합니다 (주장에는 0.001보다 작아야 합니다).</translation>
    </message>
    <message>
        <source>Gradient flow: ‖dL/dh_t‖ on its log axis falls by orders of magnitude from the loss at t = T back to t = 1. Each step back multiplies the gradient by W_hhᵀ·diag(1 − h_t²): the largest singular value of W_hh is 0.75 here and tanh&apos; is at most 1, so 29 steps shrink it at least 0.75²⁹ ≈ 2·10⁻⁴ times. Drag a weight of W_hh (Weights tab) and watch the verdict; then Next: the same sentence through an LSTM.</source>
        <translation>기울기 흐름 (BPTT): 로그 축 위의 ‖dL/dh_t‖가 t = T의 손실에서 t = 1로 거슬러 가면서 몇 자릿수나 줄어듭니다. 한 시점 거슬러 갈 때마다 기울기에 W_hhᵀ·diag(1 − h_t²)가 곱해집니다: 여기서 W_hh의 최대 특잇값은 0.75이고 tanh&apos;은 최대 1이므로, 29 시점을 지나면 기울기에는 많아야 0.75²⁹ ≈ 2·10⁻⁴이 곱해집니다. W_hh의 가중치 하나를 끌어 보며(가중치 탭) 판정을 지켜보세요. 그다음 다음: LSTM에 같은 문장을 넣은 경우.</translation>
    </message>
    <message>
        <source>Holds: the gradient at t = 1 is {ratio} times the one at t = T, while the forward stays bounded (L = {loss}).</source>
        <translation>성립: t = 1의 기울기가 t = T의 기울기의 {ratio}배인데도, 순전파는 일정 범위 안에 머뭅니다 (L = {loss}).</translation>
    </message>
    <message>
        <source>No longer holds: the gradient explodes ({ratio}×), but so does the forward (L = {loss}).</source>
        <translation>성립하지 않음: 기울기가 폭주하지만({ratio}×) 순전파도 함께 폭주합니다 (L = {loss}).</translation>
    </message>
    <message>
        <source>No longer holds: the gradient at t = 1 is only {ratio} times the one at t = T (the claim needs more than 1000).</source>
        <translation>성립하지 않음: t = 1의 기울기가 t = T의 기울기의 {ratio}배에 불과합니다 (주장에는 1000배보다 커야 합니다).</translation>
    </message>
    <message>
        <source>The same sentence through an LSTM. Gradient flow: ‖dL/dc_t‖ (triangles) stays within a factor of a few all the way back to t = 1, and ‖dL/dh_t‖ with it stays orders of magnitude above the RNN&apos;s: the gradient travels along the cell line, c_t = f⊙c_{t−1} + i⊙g, multiplied only by the forget gate f ≈ 0.98 at each step. The forget gate is that open because its bias is 4 (see the lesson &quot;The cell line keeps gradients alive&quot;).</source>
        <translation>LSTM에 같은 문장을 넣은 경우. 기울기 흐름 (BPTT): ‖dL/dc_t‖(삼각형)는 t = 1까지 줄곧 몇 배 이내에서 유지되고, ‖dL/dh_t‖도 함께 RNN보다 몇 자릿수 큰 값에 머뭅니다: 기울기는 셀 경로 c_t = f⊙c_{t−1} + i⊙g를 따라 이동하며, 시점마다 삭제 게이트 f ≈ 0.98만 곱해집니다. 삭제 게이트가 그만큼 열려 있는 것은 편향이 4이기 때문입니다 (&quot;셀 경로는 기울기를 살려 둔다&quot; 실습 참고).</translation>
    </message>
    <message>
        <source>Holds: with the same W_hh the states saturate (max |h| = {peak}) and the gradient at t = 1 is only {ratio} times the one at t = T.</source>
        <translation>성립: 같은 W_hh에서 상태가 포화되고(최대 |h| = {peak}) t = 1의 기울기는 t = T의 기울기의 {ratio}배에 불과합니다.</translation>
    </message>
    <message>
        <source>No longer holds: the gradient at t = 1 is {ratio} times the one at t = T (the states reach |h| = {peak}).</source>
        <translation>성립하지 않음: t = 1의 기울기가 t = T의 기울기의 {ratio}배입니다 (상태가 |h| = {peak}에 이릅니다).</translation>
    </message>
    <message>
        <source>Gradient flow: ‖dL/dh_t‖ rises as a straight line on its log axis from t = T back to t = 1 — about ×1.4 per step, 10⁴ in all. W_hh is 1.4 times an orthogonal matrix, so W_hhᵀ stretches every direction 1.4 times, and the inputs are whispers (10⁻⁵): the state stays near 0, where tanh&apos; = 1, and nothing cancels the stretch. Such a gradient makes one training step jump far (see the clipping lessons). Next: the same weights with inputs at full strength.</source>
        <translation>기울기 흐름 (BPTT): 로그 축 위의 ‖dL/dh_t‖가 t = T에서 t = 1로 거슬러 가며 직선으로 커집니다 — 시점마다 약 ×1.4, 모두 합쳐 10⁴. W_hh는 직교 행렬의 1.4배이므로 W_hhᵀ는 모든 방향을 1.4배로 늘리고, 입력은 속삭임처럼 작습니다(10⁻⁵): 상태가 tanh&apos; = 1인 0 근처에 머물러, 이 늘어남을 상쇄하는 것이 아무것도 없습니다. 이런 기울기에서는 학습 한 단계가 멀리 튀어 나갑니다 (클리핑 실습 참고). 다음: 같은 가중치에 입력을 원래 세기로 넣은 경우.</translation>
    </message>
    <message>
        <source>The same weights, inputs at full strength. The states grow until tanh saturates (States: |h| near 1), where tanh&apos; = 1 − h² is close to 0 — and the small slopes cancel the large weights, so the gradient no longer explodes; it may even vanish. This is why exploding gradients are rarer in tanh RNNs than large weights suggest: saturation hides them, and they appear where the states stay in tanh&apos;s steep middle (a ReLU RNN never saturates).</source>
        <translation>같은 가중치에 입력을 원래 세기로 넣은 경우. 상태는 tanh가 포화될 때까지 커지고(상태 h와 c: |h|가 1 가까이), 거기서 tanh&apos; = 1 − h²은 0에 가깝습니다 — 작은 도함수 값이 큰 가중치를 상쇄하므로 기울기는 더 이상 폭주하지 않고, 오히려 소실될 수도 있습니다. 그래서 tanh RNN에서는 큰 가중치로 짐작하는 것보다 기울기 폭주가 드뭅니다: 포화가 폭주를 가리며, 폭주는 상태가 tanh의 가파른 가운데 구간에 머무는 곳에서 나타납니다 (ReLU RNN은 결코 포화되지 않습니다).</translation>
    </message>
    <message>
        <source>A tanh RNN forgets early inputs</source>
        <translation>tanh RNN은 앞쪽 입력을 잊는다</translation>
    </message>
    <message>
        <source>The gradient of a vanilla RNN shrinks at every step back in time: after 20–30 steps almost nothing of the loss reaches the first input (vanishing gradient).</source>
        <translation>바닐라 RNN의 기울기는 시간을 한 시점 거슬러 갈 때마다 줄어듭니다: 20–30 시점이 지나면 손실에서 첫 입력까지 닿는 것이 거의 없습니다 (기울기 소실).</translation>
    </message>
    <message>
        <source>tanh RNN: the gradient vanishes</source>
        <translation>tanh RNN: 기울기가 소실된다</translation>
    </message>
    <message>
        <source>The same sentence through an LSTM</source>
        <translation>LSTM에 같은 문장을 넣으면</translation>
    </message>
    <message>
        <source>Gradients can explode</source>
        <translation>기울기는 폭주할 수 있다</translation>
    </message>
    <message>
        <source>When each step back multiplies the gradient by more than 1, it grows exponentially with the distance (exploding gradient), even while the forward pass stays bounded.</source>
        <translation>한 시점 거슬러 갈 때마다 기울기에 1보다 큰 값이 곱해지면, 순전파가 일정 범위 안에 머물더라도 기울기는 거리에 따라 지수적으로 커집니다 (기울기 폭주).</translation>
    </message>
    <message>
        <source>Whispered inputs: the gradient explodes</source>
        <translation>속삭이는 입력: 기울기가 폭주한다</translation>
    </message>
    <message>
        <source>Full inputs: saturation hides it</source>
        <translation>원래 세기의 입력: 포화가 폭주를 가린다</translation>
    </message>
    <message>
        <source>Does not apply: the network must have the task&apos;s {inputs} inputs and {outputs} outputs.</source>
        <translation>해당 없음: 신경망의 입력은 과제와 같이 {inputs}개, 출력은 {outputs}개여야 합니다.</translation>
    </message>
    <message>
        <source>with clipping (norm 1)</source>
        <translation>클리핑 있음 (노름 1)</translation>
    </message>
    <message>
        <source>without clipping</source>
        <translation>클리핑 없음</translation>
    </message>
    <message>
        <source>Not measured yet: build this page again (Reset lesson) to train both runs.</source>
        <translation>아직 측정하지 않음: 두 실행을 모두 학습시키려면 이 단계를 다시 만드세요 (실습 초기화).</translation>
    </message>
    <message>
        <source>Training loss, same start and batches</source>
        <translation>학습 손실 (같은 시작점과 배치)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>학습 단계</translation>
    </message>
    <message>
        <source>highest loss with clipping</source>
        <translation>클리핑 있을 때 최고 손실</translation>
    </message>
    <message>
        <source>highest loss without clipping</source>
        <translation>클리핑 없을 때 최고 손실</translation>
    </message>
    <message>
        <source>last loss with clipping</source>
        <translation>클리핑 있을 때 마지막 손실</translation>
    </message>
    <message>
        <source>Holds: without clipping the loss blows up to {without}; with clipping it never exceeds {with}.</source>
        <translation>성립: 클리핑이 없으면 손실이 {without}까지 치솟고, 클리핑이 있으면 {with}을(를) 넘지 않습니다.</translation>
    </message>
    <message>
        <source>No longer holds: the highest loss is {without} without clipping and {with} with it.</source>
        <translation>성립하지 않음: 최고 손실이 클리핑 없이 {without}, 클리핑이 있을 때 {with}입니다.</translation>
    </message>
    <message>
        <source>The figure shows two training runs of the same tanh RNN (W_hh = 1.4 × an orthogonal matrix) on the adding problem, from the same weights with the same batches and plain SGD (learning rate 0.5): without clipping, exploding gradients throw the weights so far that the loss shoots up by many orders of magnitude; with clipping by norm 1 every step stays bounded and training goes on (clipping does not make the RNN solve the long dependency). The session holds the start of the clipped run: press Start in the Training tab to repeat it, or switch clipping off there.</source>
        <translation>그림은 같은 tanh RNN(W_hh = 1.4 × 직교 행렬)을 덧셈 문제로 두 번 학습시킨 결과입니다. 두 실행은 같은 가중치에서 출발해 같은 배치와 보통의 SGD(학습률 0.5)를 씁니다: 클리핑이 없으면 기울기 폭주가 가중치를 너무 멀리 날려 보내 손실이 여러 자릿수나 치솟고, 노름 1로 클리핑하면 모든 단계가 제한된 크기로 유지되어 학습이 계속됩니다(클리핑이 RNN에게 긴 의존성을 풀게 해 주지는 않습니다). 세션에는 클리핑한 실행의 시작 상태가 담겨 있습니다: 학습 탭에서 시작을 눌러 다시 해 보거나, 그곳에서 클리핑을 끄세요.</translation>
    </message>
    <message>
        <source>Training with and without clipping</source>
        <translation>클리핑을 한 학습과 하지 않은 학습</translation>
    </message>
    <message>
        <source>Does not apply: the task needs at least 2 steps.</source>
        <translation>해당 없음: 이 과제에는 시점이 2개 이상 필요합니다.</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>따로 둔 시퀀스 정확도</translation>
    </message>
    <message>
        <source>chance</source>
        <translation>우연 수준</translation>
    </message>
    <message>
        <source>Holds: it answers {accuracy} of held-out sequences right (T = {steps}, chance {chance}).</source>
        <translation>성립: 따로 둔 시퀀스의 {accuracy}에 바르게 답합니다 (T = {steps}, 우연 수준 {chance}).</translation>
    </message>
    <message>
        <source>Holds: after the same training it answers only {accuracy} of held-out sequences right (chance {chance}).</source>
        <translation>성립: 같은 학습을 거친 뒤에도 따로 둔 시퀀스의 {accuracy}에만 바르게 답합니다 (우연 수준 {chance}).</translation>
    </message>
    <message>
        <source>No longer holds: held-out accuracy {accuracy} (chance {chance}).</source>
        <translation>성립하지 않음: 따로 둔 시퀀스 정확도 {accuracy} (우연 수준 {chance}).</translation>
    </message>
    <message>
        <source>A tanh RNN trained for 300 steps on the long-term dependency task: the symbol at t = 1 (&quot;Moscow&quot;) must be named at t = 30 (&quot;here in ___&quot;), with noise on the steps in between. Output: its answer is at chance (25 %). Gradient flow: the loss&apos;s gradient has all but vanished by t = 1, so training never learns to keep the first symbol. Training is random, though: with a few seeds (seed 5, for one) the RNN happens to latch onto the first symbol within this budget; with most it never does. Next: an LSTM and a GRU, same task, same batches, same budget.</source>
        <translation>장기 의존성 과제로 300단계 학습시킨 tanh RNN: t = 1의 기호(&quot;모스크바&quot;)를 t = 30(&quot;여기___&quot;)에서 맞혀야 하고, 그 사이 시점에는 잡음이 들어갑니다. 출력과 손실: 답이 우연 수준(25 %)입니다. 기울기 흐름 (BPTT): 손실의 기울기가 t = 1에 이를 무렵에는 거의 소실되어, 학습이 첫 기호를 간직하는 법을 끝내 배우지 못합니다. 다만 학습에는 우연이 작용합니다: 몇몇 시드(예: 시드 5)에서는 RNN이 이 학습량 안에 우연히 첫 기호를 붙잡지만, 대부분의 시드에서는 끝내 그러지 못합니다. 다음: 같은 과제, 같은 배치, 같은 학습량의 LSTM과 GRU.</translation>
    </message>
    <message>
        <source>On a long-term dependency (the first input decides the answer at the last step) a vanilla RNN usually stays at chance, while an LSTM and a GRU, trained the same way, learn it.</source>
        <translation>장기 의존성(첫 입력이 마지막 시점의 답을 정함)에서 바닐라 RNN은 대개 우연 수준에 머무는 반면, 같은 방식으로 학습한 LSTM과 GRU는 이를 학습합니다.</translation>
    </message>
    <message>
        <source>An LSTM after the same training names the first symbol almost always. States: a few cells keep a value from t = 1 to t = 30; Gradient flow: ‖dL/dc_t‖ reaches t = 1. It started with its forget gate open (bias 5, f ≈ 0.99), the usual trick (Gers et al. 2000); with bias 0 it needs far longer.</source>
        <translation>같은 학습을 거친 LSTM은 거의 언제나 첫 기호를 맞힙니다. 상태 h와 c: 몇몇 셀이 t = 1부터 t = 30까지 값을 간직합니다. 기울기 흐름 (BPTT): ‖dL/dc_t‖가 t = 1까지 닿습니다. 이 LSTM은 삭제 게이트를 연 채로(편향 5, f ≈ 0.99) 시작했는데, 이는 흔히 쓰는 기법입니다(Gers 등 2000). 편향이 0이면 훨씬 오래 걸립니다.</translation>
    </message>
    <message>
        <source>A GRU after the same training learns it too: its update gate z stays near 1 on the steps in between (Gates), copying the state — the GRU&apos;s way of keeping the first symbol. It started with its update gate mostly copying (bias 3, z ≈ 0.95), the GRU&apos;s counterpart of the LSTM&apos;s forget-gate bias.</source>
        <translation>같은 학습을 거친 GRU도 이것을 학습합니다: 그 사이 시점에서 업데이트 게이트 z가 1 가까이에 머물며(시간에 따른 게이트) 상태를 복사합니다 — GRU가 첫 기호를 간직하는 방식입니다. 이 GRU는 업데이트 게이트가 대부분 복사하는 상태로(편향 3, z ≈ 0.95) 시작했는데, 이는 LSTM의 삭제 게이트 편향에 해당하는 GRU의 방법입니다.</translation>
    </message>
    <message>
        <source>Look ahead</source>
        <translation>앞을 내다보기</translation>
    </message>
    <message>
        <source>Holds: with a reverse direction it names the next symbol {accuracy} of the time.</source>
        <translation>성립: 역방향이 있으면 다음 기호를 {accuracy}의 비율로 맞힙니다.</translation>
    </message>
    <message>
        <source>Holds: one direction names the next symbol {accuracy} of the time — chance is {chance}: it cannot know what has not come yet.</source>
        <translation>성립: 한 방향으로는 다음 기호를 {accuracy}의 비율로만 맞힙니다 — 우연 수준은 {chance}입니다: 아직 오지 않은 것은 알 수 없습니다.</translation>
    </message>
    <message>
        <source>The task: at every step, name the symbol that comes NEXT — an answer that depends on a later input, like &quot;Teddy&quot; in &quot;Teddy bears are on sale&quot; vs &quot;Teddy Roosevelt was a president&quot;. A one-directional LSTM trained for 150 steps reads left to right: at step t it has not seen x_{t+1}, so Output shows guesses at chance (25 %). Next: the same LSTM with a reverse direction.</source>
        <translation>과제: 모든 시점에서 그 &quot;다음&quot;에 올 기호를 맞힙니다 — &quot;Teddy bears are on sale&quot;(테디 베어 할인 중)과 &quot;Teddy Roosevelt was a president&quot;(테디 루스벨트는 대통령이었다)의 &quot;Teddy&quot;처럼, 뒤에 올 입력에 따라 달라지는 답입니다. 150단계 학습시킨 단방향 LSTM은 왼쪽에서 오른쪽으로 읽습니다: 시점 t에서는 아직 x_{t+1}을 보지 못했으므로, 출력과 손실에는 우연 수준(25 %)의 추측이 보입니다. 다음: 역방향을 더한 같은 LSTM.</translation>
    </message>
    <message>
        <source>A bidirectional LSTM: a second set of cells, the reverse direction, reads the sequence from the end (Gates/States: choose &quot;reverse&quot; in the panel header); at step t the read-out sees both h→_t and h←_t, and h←_t has just read x_{t+1}. After the same training it answers (almost) every step right. The price: it needs the whole sequence before it answers, so it cannot generate text step by step.</source>
        <translation>양방향 LSTM: 두 번째 셀 묶음, 즉 역방향이 시퀀스를 끝에서부터 읽습니다(시간에 따른 게이트/상태 h와 c: 패널 머리글에서 &quot;역방향&quot;을 고르세요). 시점 t에서 출력층은 h→_t와 h←_t를 모두 보며, h←_t는 방금 x_{t+1}을 읽었습니다. 같은 학습을 거친 뒤에는 (거의) 모든 시점에서 바르게 답합니다. 대가: 답하기 전에 시퀀스 전체가 필요하므로, 텍스트를 한 시점씩 생성할 수는 없습니다.</translation>
    </message>
    <message>
        <source>RNN fails where LSTM and GRU learn</source>
        <translation>RNN은 실패하고 LSTM과 GRU는 학습한다</translation>
    </message>
    <message>
        <source>tanh RNN after training</source>
        <translation>학습을 마친 tanh RNN</translation>
    </message>
    <message>
        <source>LSTM after the same training</source>
        <translation>같은 학습을 거친 LSTM</translation>
    </message>
    <message>
        <source>GRU after the same training</source>
        <translation>같은 학습을 거친 GRU</translation>
    </message>
    <message>
        <source>An answer that depends on later inputs needs the reverse direction</source>
        <translation>뒤에 올 입력에 달린 답에는 역방향이 필요하다</translation>
    </message>
    <message>
        <source>A one-directional RNN at step t knows only x_1 … x_t; where the answer depends on later inputs, a bidirectional RNN (a second direction reading backwards) is needed.</source>
        <translation>단방향 RNN은 시점 t에서 x_1 … x_t만 압니다. 답이 뒤에 올 입력에 달려 있으면 양방향 RNN(거꾸로 읽는 두 번째 방향)이 필요합니다.</translation>
    </message>
    <message>
        <source>One direction: guesses</source>
        <translation>한 방향: 추측한다</translation>
    </message>
    <message>
        <source>Two directions: knows</source>
        <translation>두 방향: 안다</translation>
    </message>
    <message>
        <source>Cannot measure: the session no longer has what this lesson measures; Reset lesson builds it again.</source>
        <translation>측정할 수 없음: 세션에 이 실습이 측정하는 것이 더 이상 없습니다. 실습 초기화로 다시 만들 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>LessonsFeature</name>
    <message>
        <source>Lesson</source>
        <translation>실습</translation>
    </message>
    <message>
        <source>Lesson &amp;panel</source>
        <translation>실습 패널(&amp;P)</translation>
    </message>
    <message>
        <source>Show or hide the lesson panel (Ctrl+L)</source>
        <translation>실습 패널을 보이거나 숨깁니다 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Open this lesson (one undoable step)</source>
        <translation>이 실습을 엽니다 (한 번에 취소 가능)</translation>
    </message>
    <message>
        <source>&amp;Reset lesson</source>
        <translation>실습 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>Build the open lesson step again from scratch</source>
        <translation>열려 있는 실습 단계를 처음부터 다시 만듭니다</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>예제(&amp;X)</translation>
    </message>
    <message>
        <source>The demo and every lesson, each as a new session</source>
        <translation>데모와 모든 실습을 각각 새 세션으로</translation>
    </message>
    <message>
        <source>The Moscow demo</source>
        <translation>모스크바 데모</translation>
    </message>
    <message>
        <source>The trained LSTM the app opens with: the first word decides the answer at the end</source>
        <translation>앱이 시작할 때 여는 학습된 LSTM: 첫 단어가 마지막의 답을 정합니다</translation>
    </message>
    <message>
        <source>Open this lesson as a new session</source>
        <translation>이 실습을 새 세션으로 엽니다</translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation>실습을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Training “{0}”…</source>
        <translation>“{0}” 학습 중…</translation>
    </message>
    <message>
        <source>Lesson: {0} ({1}/{2})</source>
        <translation>실습: {0} ({1}/{2})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LSTM Studio</source>
        <translation>LSTM Studio</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>학습(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>패널(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Toolbars</source>
        <translation>도구 모음(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Display mode</source>
        <translation>표시 방식(&amp;D)</translation>
    </message>
    <message>
        <source>P&amp;layback</source>
        <translation>재생(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>배치 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Fixed Colour Scales</source>
        <translation>고정 색 눈금(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>실습(&amp;L)</translation>
    </message>
    <message>
        <source>Put every panel back where it was at first start</source>
        <translation>모든 패널을 처음 시작했을 때의 자리로 되돌립니다</translation>
    </message>
    <message>
        <source>Gates over time</source>
        <translation>시간에 따른 게이트</translation>
    </message>
    <message>
        <source>States h and c</source>
        <translation>상태 h와 c</translation>
    </message>
    <message>
        <source>Gradient flow (BPTT)</source>
        <translation>기울기 흐름 (BPTT)</translation>
    </message>
    <message>
        <source>Cell diagram</source>
        <translation>셀 다이어그램</translation>
    </message>
    <message>
        <source>Output and loss</source>
        <translation>출력과 손실</translation>
    </message>
    <message>
        <source>⚠ NaN or ∞ in the numbers: values overflowed</source>
        <translation>⚠ 숫자에 NaN 또는 ∞: 값이 넘쳤습니다</translation>
    </message>
    <message>
        <source>Some state, output, loss or gradient is not a finite number. Make large weights or inputs smaller, or use clipping.</source>
        <translation>어떤 상태, 출력, 손실 또는 기울기가 유한한 수가 아닙니다. 큰 가중치나 입력을 줄이거나 클리핑을 쓰세요.</translation>
    </message>
    <message>
        <source>Current time step t / sequence length T</source>
        <translation>현재 시점 t / 시퀀스 길이 T</translation>
    </message>
    <message>
        <source>Loss over the steps where it applies</source>
        <translation>손실을 계산하는 시점들에 대한 손실</translation>
    </message>
    <message>
        <source>Time of the last update: forward + BPTT, then redrawing the panels</source>
        <translation>마지막 갱신에 걸린 시간: 순전파 + BPTT, 그다음 패널 다시 그리기</translation>
    </message>
    <message>
        <source>Change withdrawn: the network is as it was.</source>
        <translation>변경을 취소했습니다: 네트워크는 이전 그대로입니다.</translation>
    </message>
    <message>
        <source>Change not made</source>
        <translation>변경하지 못함</translation>
    </message>
    <message>
        <source>The network could not be computed at the new sizes, so it is as it was: {0}</source>
        <translation>새 크기로는 네트워크를 계산할 수 없어 이전 그대로 두었습니다: {0}</translation>
    </message>
    <message>
        <source>t = {0} / {1}</source>
        <translation>t = {0} / {1}</translation>
    </message>
    <message>
        <source>loss = {0}</source>
        <translation>손실 = {0}</translation>
    </message>
    <message>
        <source>compute {0} ms · redraw {1} ms</source>
        <translation>계산 {0} ms · 그리기 {1} ms</translation>
    </message>
</context>
<context>
    <name>OutputPanel</name>
    <message>
        <source>Class probabilities</source>
        <translation>클래스 확률</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>p(class {0})</source>
        <translation>p(클래스 {0})</translation>
    </message>
    <message>
        <source>The network&apos;s prediction ŷ_t (the read-out, solid) over time against the target y_t (dashed; for cross-entropy: the probability of each class, the target class&apos;s probability bold), and the loss at each step that carries one. Markers show the steps where the loss applies.</source>
        <translation>시간에 따른 신경망의 예측(출력) ŷ_t(출력층, 실선)와 정답 y_t(점선; 교차 엔트로피에서는 각 클래스의 확률, 목표 클래스의 확률은 굵게), 그리고 손실이 있는 시점마다의 손실. 표식은 손실을 계산하는 시점을 나타냅니다.</translation>
    </message>
    <message>
        <source>The {0} characters the network finds most likely to come next at the time step, with their softmax probabilities, and the probability of the true next character</source>
        <translation>이 시점에서 신경망이 다음에 올 가능성이 가장 높다고 보는 글자 {0}개와 그 소프트맥스 확률, 그리고 실제 다음 글자의 확률</translation>
    </message>
    <message>
        <source>Probability of the true next character</source>
        <translation>실제 다음 글자의 확률</translation>
    </message>
    <message>
        <source>Prediction ŷ and target y</source>
        <translation>예측(출력) ŷ와 정답 y</translation>
    </message>
    <message>
        <source>{0} (target)</source>
        <translation>{0} (정답)</translation>
    </message>
    <message>
        <source>y{0} (target)</source>
        <translation>y{0} (정답)</translation>
    </message>
    <message>
        <source>p(most likely character)</source>
        <translation>p(가장 유력한 글자)</translation>
    </message>
    <message>
        <source>p(true next character)</source>
        <translation>p(실제 다음 글자)</translation>
    </message>
    <message>
        <source>p(target class)</source>
        <translation>p(목표 클래스)</translation>
    </message>
    <message>
        <source>Loss per step</source>
        <translation>시점별 손실</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>t = {0}, after “{1}”, next: {2}</source>
        <translation>t = {0}, “{1}” 다음: {2}</translation>
    </message>
    <message>
        <source>t = {0}, next: {1}</source>
        <translation>t = {0}, 다음 글자: {1}</translation>
    </message>
    <message>
        <source>true next “{0}”: {1}</source>
        <translation>실제 다음 글자 “{0}”: {1}</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>교차 엔트로피</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>Total loss L = {0} ({1}, mean over {2} of {3} steps)</source>
        <translation>전체 손실 L = {0} ({1}, {3}개 시점 중 {2}개의 평균)</translation>
    </message>
    <message>
        <source>from t = {0} the inputs are the network&apos;s own predictions (the target, dashed, is the true signal)</source>
        <translation>t = {0}부터 입력은 네트워크 자신의 예측입니다 (점선인 정답이 실제 신호)</translation>
    </message>
    <message>
        <source>the network produced non-finite values (NaN or infinity)</source>
        <translation>신경망이 유한하지 않은 값(NaN 또는 무한대)을 만들었습니다</translation>
    </message>
    <message>
        <source>vocabulary: {0} characters</source>
        <translation>어휘: {0}글자</translation>
    </message>
    <message>
        <source>showing {0} of {1} output channels</source>
        <translation>출력 채널 {1}개 중 {0}개 표시</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <source>Transforms</source>
        <translation>변환</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>다운샘플</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>투명도</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>격자</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>점</translation>
    </message>
    <message>
        <source>Plot Options</source>
        <translation>그래프 옵션</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>&amp;Present</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen for a lecture (F11); F11 or Esc returns to the window as it was</source>
        <translation>강의용 전체 화면 (F11). F11이나 Esc를 누르면 원래 창으로 돌아갑니다</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Larger texts, thicker lines and larger markers, for the back of the room (Ctrl+=); remembered</source>
        <translation>강의실 뒤에서도 보이도록 글자·선·표식을 크게 (Ctrl+=). 다음 실행에도 유지됩니다</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>Smaller texts, thinner lines and smaller markers (Ctrl+-); remembered</source>
        <translation>글자·선·표식을 작게 (Ctrl+-). 다음 실행에도 유지됩니다</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>원래 크기(&amp;A)</translation>
    </message>
    <message>
        <source>Texts, lines and markers at their normal size (Ctrl+0)</source>
        <translation>글자·선·표식을 원래 크기로 (Ctrl+0)</translation>
    </message>
    <message>
        <source>&amp;Focus Panel</source>
        <translation>패널 하나만 보기(&amp;F)</translation>
    </message>
    <message>
        <source>Focus the Panel Under the &amp;Pointer</source>
        <translation>포인터 아래 패널만 보기(&amp;P)</translation>
    </message>
    <message>
        <source>The panel under the mouse pointer (or the one used last) fills the window; the same keys or Esc bring every panel back. A double click on a panel&apos;s title does the same.</source>
        <translation>마우스 포인터 아래 패널(없으면 마지막으로 쓴 패널)이 창을 가득 채웁니다. 같은 키나 Esc를 누르면 모든 패널이 돌아옵니다. 패널 제목을 두 번 클릭해도 됩니다.</translation>
    </message>
    <message>
        <source>&amp;Leave Focus or Full Screen</source>
        <translation>패널 하나만 보기·전체 화면 나가기(&amp;L)</translation>
    </message>
    <message>
        <source>Back from the focused panel to every panel, then out of full screen (Esc)</source>
        <translation>패널 하나만 보기에서 모든 패널로, 그다음 전체 화면에서 돌아갑니다 (Esc)</translation>
    </message>
    <message>
        <source>Only “{0}” fills the window; Esc brings every panel back</source>
        <translation>“{0}”만 창을 가득 채웁니다. Esc를 누르면 모든 패널이 돌아옵니다</translation>
    </message>
    <message>
        <source>Esc returns: first to every panel, then out of full screen</source>
        <translation>Esc로 돌아갑니다: 먼저 모든 패널로, 그다음 전체 화면에서</translation>
    </message>
    <message>
        <source>Full screen: F11 or Esc returns</source>
        <translation>전체 화면: F11이나 Esc로 돌아갑니다</translation>
    </message>
    <message>
        <source>Presentation scale: {0} %</source>
        <translation>발표 배율: {0} %</translation>
    </message>
    <message>
        <source>Only “{0}” is shown: Esc brings every panel back</source>
        <translation>“{0}”만 보입니다: Esc를 누르면 모든 패널이 돌아옵니다</translation>
    </message>
    <message>
        <source>Point at a panel (or click into it) first</source>
        <translation>먼저 패널을 가리키거나 패널 안을 클릭하세요</translation>
    </message>
    <message>
        <source>{0} · Esc returns</source>
        <translation>{0} · Esc로 돌아가기</translation>
    </message>
    <message>
        <source>Full screen · Esc returns</source>
        <translation>전체 화면 · Esc로 돌아가기</translation>
    </message>
</context>
<context>
    <name>PyTorchModelImport</name>
    <message>
        <source>NumPy archives (*.npz)</source>
        <translation>NumPy 아카이브 (*.npz)</translation>
    </message>
    <message>
        <source>PyTorch state dicts (*.pt *.pth)</source>
        <translation>PyTorch state dict (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Cannot import the model</source>
        <translation>모델을 가져올 수 없습니다</translation>
    </message>
    <message>
        <source>Import PyTorch Model</source>
        <translation>PyTorch 모델 가져오기</translation>
    </message>
    <message>
        <source>Vocabulary of the Model</source>
        <translation>모델의 어휘</translation>
    </message>
    <message>
        <source>Vocabulary JSON (*.json)</source>
        <translation>어휘 JSON (*.json)</translation>
    </message>
    <message>
        <source>Text for the Model to Read (Cancel: a text of its vocabulary)</source>
        <translation>모델이 읽을 텍스트 (취소: 어휘로 만든 텍스트)</translation>
    </message>
    <message>
        <source>Text files (*.txt *.text *.md)</source>
        <translation>텍스트 파일 (*.txt *.text *.md)</translation>
    </message>
    <message>
        <source>{0} cannot be opened: {1}</source>
        <translation>{0}을(를) 열 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>Import model {0}</source>
        <translation>모델 {0} 가져오기</translation>
    </message>
    <message>
        <source>Imported {0}: {1}, {2} layer(s) of {3} units, {4} characters.</source>
        <translation>{0}을(를) 가져왔습니다: {1}, {3}개 유닛의 층 {2}개, 문자 {4}개.</translation>
    </message>
    <message>
        <source>{0} is a table, not a text.</source>
        <translation>{0}은(는) 텍스트가 아니라 표입니다.</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>network kind</source>
        <translation>신경망 종류</translation>
    </message>
    <message>
        <source>input size</source>
        <translation>입력 크기</translation>
    </message>
    <message>
        <source>hidden size</source>
        <translation>은닉 크기</translation>
    </message>
    <message>
        <source>number of layers</source>
        <translation>층 수</translation>
    </message>
    <message>
        <source>output size</source>
        <translation>출력 크기</translation>
    </message>
    <message>
        <source>sequence length</source>
        <translation>시퀀스 길이</translation>
    </message>
    <message>
        <source>bidirectional</source>
        <translation>양방향</translation>
    </message>
    <message>
        <source>embedding size</source>
        <translation>임베딩 크기</translation>
    </message>
    <message>
        <source>Unknown network kind {kind}; choose one of {kinds}.</source>
        <translation>알 수 없는 신경망 종류 {kind}입니다. 다음 중에서 고르세요: {kinds}.</translation>
    </message>
    <message>
        <source>The {setting} must be a whole number, not {value}.</source>
        <translation>{setting}은(는) 정수여야 합니다. {value}은(는) 정수가 아닙니다.</translation>
    </message>
    <message>
        <source>The {setting} must be 0 (none) or more (got {value}).</source>
        <translation>{setting}은(는) 0(없음) 이상이어야 합니다(입력값 {value}).</translation>
    </message>
    <message>
        <source>The {setting} must be at least 1 (got {value}).</source>
        <translation>{setting}은(는) 1 이상이어야 합니다 (입력: {value}).</translation>
    </message>
    <message>
        <source>The {setting} {value} is beyond what stays interactive (at most {limit}).</source>
        <translation>{setting} {value}은(는) 대화형으로 다룰 수 있는 범위를 넘습니다 (최대 {limit}).</translation>
    </message>
    <message>
        <source>This network would need about {memory} of memory for every recompute, more than the {budget} allowed. Use fewer steps, layers or units.</source>
        <translation>이 네트워크는 다시 계산할 때마다 약 {memory}의 메모리가 필요해 허용된 {budget}을(를) 넘습니다. 단계, 층 또는 유닛 수를 줄이세요.</translation>
    </message>
    <message>
        <source>This network would take about {time} to recompute after every change, more than the {budget} allowed. Use fewer steps, layers or units.</source>
        <translation>이 네트워크는 바꿀 때마다 다시 계산하는 데 약 {time}이(가) 걸려 허용된 {budget}을(를) 넘습니다. 단계, 층 또는 유닛 수를 줄이세요.</translation>
    </message>
    <message>
        <source>Every change of this network takes about {time} to recompute.</source>
        <translation>이 네트워크는 바꿀 때마다 다시 계산하는 데 약 {time}이(가) 걸립니다.</translation>
    </message>
    <message>
        <source>Cannot read {file}: it is not a regular file (a folder, device or pipe).</source>
        <translation>{file}을(를) 읽을 수 없습니다: 일반 파일이 아닙니다 (폴더, 장치 또는 파이프).</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}.</source>
        <translation>{file}을(를) 읽을 수 없습니다: {reason}.</translation>
    </message>
    <message>
        <source>{where}not a NumPy .npz archive: the file is not a zip archive or is damaged (truncated?).</source>
        <translation>{where}NumPy .npz 압축 파일이 아닙니다: zip 압축 파일이 아니거나 손상되었습니다 (잘렸나요?).</translation>
    </message>
    <message>
        <source>{where}not an LSTM Studio session: the file is not a zip archive or is damaged (truncated?).</source>
        <translation>{where}LSTM Studio 세션이 아닙니다: zip 압축 파일이 아니거나 손상되었습니다 (잘렸나요?).</translation>
    </message>
    <message>
        <source>{member}: not an LSTM Studio session (&apos;format&apos; is not {name}).</source>
        <translation>{member}: LSTM Studio 세션이 아닙니다 (&apos;format&apos;이 {name}이(가) 아닙니다).</translation>
    </message>
    <message>
        <source>This session was saved in format {format} by a newer LSTM Studio ({app}); this version reads format {major}.x and older. Please update LSTM Studio to open it.</source>
        <translation>이 세션은 더 새로운 LSTM Studio({app})에서 형식 {format}(으)로 저장되었습니다. 이 버전은 형식 {major}.x 이하만 읽습니다. 열려면 LSTM Studio를 업데이트하세요.</translation>
    </message>
    <message>
        <source>{member}: {reason}</source>
        <translation>{member}: {reason}</translation>
    </message>
    <message>
        <source>Cannot save this session: the setting {setting} holds text that is not valid Unicode (an unpaired surrogate).</source>
        <translation>이 세션을 저장할 수 없습니다: 설정 {setting}에 올바른 유니코드가 아닌 텍스트(짝이 없는 서로게이트)가 있습니다.</translation>
    </message>
    <message>
        <source>Cannot save this session: its settings (a long training text?) take {size}, more than the {limit} a session file may hold.</source>
        <translation>이 세션을 저장할 수 없습니다: 설정(긴 학습 텍스트?)이 {size}을(를) 차지해, 세션 파일에 담을 수 있는 {limit}보다 큽니다.</translation>
    </message>
    <message>
        <source>Cannot save this session: its arrays take {size}, more than the {limit} a session file may hold.</source>
        <translation>이 세션을 저장할 수 없습니다: 배열이 {size}을(를) 차지해, 세션 파일에 담을 수 있는 {limit}보다 큽니다.</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>내보내기를 취소했습니다.</translation>
    </message>
    <message>
        <source>Cannot save {file}: {reason}.</source>
        <translation>{file}을(를) 저장할 수 없습니다: {reason}.</translation>
    </message>
    <message>
        <source>ffmpeg could not make the video: {reason}</source>
        <translation>ffmpeg가 동영상을 만들지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>Cannot save {file}: it is not a regular file (a folder, device or pipe). Choose another name.</source>
        <translation>{file}을(를) 저장할 수 없습니다: 일반 파일이 아닙니다 (폴더, 장치 또는 파이프). 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>truncation length</source>
        <translation>잘린 BPTT 길이</translation>
    </message>
    <message>
        <source>clipping norm</source>
        <translation>클리핑 노름</translation>
    </message>
    <message>
        <source>clipping value</source>
        <translation>클리핑 값</translation>
    </message>
    <message>
        <source>The {name} must be numbers.</source>
        <translation>{name}은(는) 숫자여야 합니다.</translation>
    </message>
    <message>
        <source>The {name} must have shape {shape}, not {got}.</source>
        <translation>{name}의 모양은 {got}이(가) 아니라 {shape}이어야 합니다.</translation>
    </message>
    <message>
        <source>The {name} must not contain NaN or infinity.</source>
        <translation>{name}에 NaN이나 무한대가 있으면 안 됩니다.</translation>
    </message>
    <message>
        <source>The {name} must stay within ±{limit}.</source>
        <translation>{name}은(는) ±{limit} 범위 안이어야 합니다.</translation>
    </message>
    <message>
        <source>Free running feeds predicted numbers back: switch it off before choosing another loss than the mean squared error.</source>
        <translation>자유 실행은 예측한 수를 되먹입니다: 평균 제곱 오차가 아닌 손실을 고르기 전에 자유 실행을 끄세요.</translation>
    </message>
    <message>
        <source>The {setting} must be a whole number of steps.</source>
        <translation>{setting}은(는) 정수 개의 시점이어야 합니다.</translation>
    </message>
    <message>
        <source>input sequence</source>
        <translation>입력 시퀀스</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>목표값</translation>
    </message>
    <message>
        <source>read-out parameter {label}</source>
        <translation>출력층 매개변수 {label}</translation>
    </message>
    <message>
        <source>parameter {label}</source>
        <translation>매개변수 {label}</translation>
    </message>
    <message>
        <source>The loss mask must have one entry per time step ({steps}).</source>
        <translation>손실 마스크는 시점마다 하나씩 ({steps}개) 있어야 합니다.</translation>
    </message>
    <message>
        <source>The loss must apply to at least one time step.</source>
        <translation>손실은 적어도 한 시점에 적용되어야 합니다.</translation>
    </message>
    <message>
        <source>initial hidden state h0</source>
        <translation>초기 은닉 상태 h0</translation>
    </message>
    <message>
        <source>initial cell state c0</source>
        <translation>초기 셀 상태 c0</translation>
    </message>
    <message>
        <source>The {setting} must be a positive number.</source>
        <translation>{setting}은(는) 양수여야 합니다.</translation>
    </message>
    <message>
        <source>The sequence length must be a whole number of at least 1, not {value}.</source>
        <translation>시퀀스 길이는 {value}이(가) 아니라 1 이상의 정수여야 합니다.</translation>
    </message>
    <message>
        <source>The step t={step} is outside the sequence (1 to {last}).</source>
        <translation>시점 t={step}은(는) 시퀀스 밖입니다 (1부터 {last}까지).</translation>
    </message>
    <message>
        <source>The period must be a positive number of steps, not {value}.</source>
        <translation>주기는 {value}이(가) 아니라 양수 시점 수여야 합니다.</translation>
    </message>
    <message>
        <source>The lower bound {low} must not exceed the upper bound {high}.</source>
        <translation>하한 {low}은(는) 상한 {high}보다 클 수 없습니다.</translation>
    </message>
    <message>
        <source>The standard deviation must not be negative (got {value}).</source>
        <translation>표준편차는 음수일 수 없습니다 (입력: {value}).</translation>
    </message>
    <message>
        <source>There is no channel {channel} (the sequence has {count}).</source>
        <translation>채널 {channel}은(는) 없습니다 (시퀀스의 채널 수: {count}).</translation>
    </message>
    <message>
        <source>Type at least one character to encode.</source>
        <translation>인코딩할 문자를 하나 이상 입력하세요.</translation>
    </message>
    <message>
        <source>The vocabulary is empty.</source>
        <translation>어휘가 비어 있습니다.</translation>
    </message>
    <message>
        <source>The vocabulary repeats {characters}.</source>
        <translation>어휘에 {characters}이(가) 중복되어 있습니다.</translation>
    </message>
    <message>
        <source>The text uses {characters}, which the vocabulary lacks.</source>
        <translation>텍스트에 어휘에 없는 {characters}이(가) 있습니다.</translation>
    </message>
    <message>
        <source>{part} is not a step or a range of steps like 10-12.</source>
        <translation>{part}은(는) 시점이나 10-12 같은 시점 범위가 아닙니다.</translation>
    </message>
    <message>
        <source>The steps {part} are outside the sequence (1 to {last}).</source>
        <translation>시점 {part}은(는) 시퀀스 밖입니다 (1부터 {last}까지).</translation>
    </message>
    <message>
        <source>Choose at least one step for the loss.</source>
        <translation>손실을 적용할 시점을 하나 이상 고르세요.</translation>
    </message>
    <message>
        <source>The {task} needs a sequence length of at least {minimum} steps, got {value}.</source>
        <translation>{task}에는 {minimum} 시점 이상의 시퀀스 길이가 필요합니다 (입력: {value}).</translation>
    </message>
    <message>
        <source>Adding problem</source>
        <translation>덧셈 문제</translation>
    </message>
    <message>
        <source>Copy (memory) task</source>
        <translation>복사 (기억) 과제</translation>
    </message>
    <message>
        <source>Temporal order</source>
        <translation>시간 순서</translation>
    </message>
    <message>
        <source>Long-term dependency (&quot;Moscow&quot;)</source>
        <translation>장기 의존성 (&quot;모스크바&quot;)</translation>
    </message>
    <message>
        <source>Next-character prediction</source>
        <translation>다음 글자 예측</translation>
    </message>
    <message>
        <source>The text must contain at least two different characters.</source>
        <translation>텍스트에는 서로 다른 문자가 둘 이상 있어야 합니다.</translation>
    </message>
    <message>
        <source>The text has {characters} characters; the next-character task takes at most {limit}.</source>
        <translation>텍스트가 {characters}자입니다. 다음 글자 예측 과제는 최대 {limit}자까지 받습니다.</translation>
    </message>
    <message>
        <source>The text holds a character that is not valid Unicode at position {position} (an unpaired surrogate, {code}); remove it and try again.</source>
        <translation>텍스트의 {position}번째 문자가 올바른 유니코드가 아닙니다 (짝이 없는 서로게이트, {code}). 그 문자를 지우고 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The vocabulary must list at least two different characters, each once.</source>
        <translation>어휘에는 서로 다른 문자가 두 개 이상, 각각 한 번씩 있어야 합니다.</translation>
    </message>
    <message>
        <source>The text holds {character}, which is not in the vocabulary.</source>
        <translation>텍스트에 어휘에 없는 문자 {character}이(가) 있습니다.</translation>
    </message>
    <message>
        <source>The sequence length ({steps}) must be shorter than the text ({characters} characters).</source>
        <translation>시퀀스 길이({steps})는 텍스트({characters}자)보다 짧아야 합니다.</translation>
    </message>
    <message>
        <source>The character {character} does not occur in the training text.</source>
        <translation>문자 {character}은(는) 학습 텍스트에 없습니다.</translation>
    </message>
    <message>
        <source>A bidirectional network cannot generate text one character at a time.</source>
        <translation>양방향 신경망은 한 글자씩 텍스트를 생성할 수 없습니다.</translation>
    </message>
    <message>
        <source>The seed text must have at least one character.</source>
        <translation>시작 텍스트에는 문자가 하나 이상 있어야 합니다.</translation>
    </message>
    <message>
        <source>The network&apos;s output is not finite; it cannot generate text.</source>
        <translation>신경망의 출력이 유한한 값이 아니어서 텍스트를 생성할 수 없습니다.</translation>
    </message>
    <message>
        <source>Sine-wave continuation</source>
        <translation>사인파 이어 가기</translation>
    </message>
    <message>
        <source>PyTorch has no LSTM without a forget gate: nn.LSTM always has one, so its weights have four gate blocks where this network has three. Save the session (.lstms) to keep these weights.</source>
        <translation>PyTorch에는 삭제 게이트가 없는 LSTM이 없습니다: nn.LSTM에는 항상 삭제 게이트가 있어 가중치가 게이트 블록 네 개로 되어 있지만, 이 신경망은 세 개입니다. 이 가중치를 보관하려면 세션(.lstms)으로 저장하세요.</translation>
    </message>
    <message>
        <source>The task has {task} input channels but the network expects {network}.</source>
        <translation>과제의 입력 채널은 {task}개인데 신경망은 {network}개를 받습니다.</translation>
    </message>
    <message>
        <source>The read-out maps {features} features to {outputs} outputs; this network and task need {needed} to {needed_outputs}.</source>
        <translation>출력층은 특징 {features}개를 출력 {outputs}개로 옮기지만, 이 신경망과 과제에는 {needed}개에서 {needed_outputs}개로 옮기는 출력층이 필요합니다.</translation>
    </message>
    <message>
        <source>A bidirectional network cannot carry its state from one chunk of the text to the next: its backward direction reads each chunk from its end.</source>
        <translation>양방향 신경망은 텍스트의 한 조각에서 다음 조각으로 상태를 이어 갈 수 없습니다. 역방향은 각 조각을 끝에서부터 읽기 때문입니다.</translation>
    </message>
    <message>
        <source>Training diverged at step {step}: the loss is {loss}. Lower the learning rate (now {lr}) or turn on gradient clipping.</source>
        <translation>학습이 {step}번째 단계에서 발산했습니다: 손실이 {loss}입니다. 학습률(지금 {lr})을 낮추거나 기울기 클리핑을 켜세요.</translation>
    </message>
    <message>
        <source>Training diverged at step {step}: the weights grew beyond ±{limit}. Lower the learning rate (now {lr}) or turn on gradient clipping.</source>
        <translation>학습이 {step}번째 단계에서 발산했습니다: 가중치가 ±{limit} 범위를 넘어섰습니다. 학습률(지금 {lr})을 낮추거나 기울기 클리핑을 켜세요.</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}.</source>
        <translation>파일을 읽을 수 없습니다: {reason}.</translation>
    </message>
    <message>
        <source>The file has {size} bytes; a data file of this kind may have at most {limit} bytes ({megabytes} MB).</source>
        <translation>파일이 {size}바이트입니다. 이런 데이터 파일은 최대 {limit}바이트({megabytes} MB)까지 열 수 있습니다.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>파일이 비어 있습니다.</translation>
    </message>
    <message>
        <source>The file is UTF-16 text; save it as UTF-8 and open it again.</source>
        <translation>파일이 UTF-16 텍스트입니다. UTF-8로 저장한 뒤 다시 여세요.</translation>
    </message>
    <message>
        <source>The file looks binary, not like text: it holds a NUL byte at byte offset {offset}.</source>
        <translation>텍스트가 아니라 이진 파일로 보입니다: 바이트 오프셋 {offset}에 NUL 바이트가 있습니다.</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text: the bytes at byte offset {offset} ({bytes}) are not a UTF-8 character. Save it as UTF-8 and open it again.</source>
        <translation>파일이 UTF-8 텍스트가 아닙니다: 바이트 오프셋 {offset}의 바이트({bytes})는 UTF-8 문자가 아닙니다. UTF-8로 저장한 뒤 다시 여세요.</translation>
    </message>
    <message>
        <source>The file holds only whitespace (spaces and line breaks).</source>
        <translation>파일에 공백(빈칸과 줄바꿈)만 있습니다.</translation>
    </message>
    <message>
        <source>The text uses only one character ({character}); next-character prediction needs at least two different characters.</source>
        <translation>텍스트에 글자가 한 가지({character})뿐입니다. 다음 글자 예측에는 서로 다른 글자가 두 가지 이상 필요합니다.</translation>
    </message>
    <message>
        <source>The text uses {count} different characters; the next-character task takes at most {limit} (one input and one output per character). Use a shorter text or one with fewer different characters.</source>
        <translation>텍스트에 서로 다른 글자가 {count}가지 있습니다. 다음 글자 예측 과제는 최대 {limit}가지까지 받습니다(글자마다 입력 하나와 출력 하나). 더 짧은 텍스트나 글자 종류가 적은 텍스트를 쓰세요.</translation>
    </message>
    <message>
        <source>The text has {characters} characters; the next-character task needs at least {minimum} (an example window of {steps} steps and the character after it).</source>
        <translation>텍스트가 {characters}글자입니다. 다음 글자 예측 과제에는 {minimum}글자 이상이 필요합니다({steps}개 시점의 예제 구간과 그다음 글자).</translation>
    </message>
    <message>
        <source>column {number} ({name})</source>
        <translation>{number}열({name})</translation>
    </message>
    <message>
        <source>column {number}</source>
        <translation>{number}열</translation>
    </message>
    <message>
        <source>The number of cells changes at row {row}: {cells} there, {columns} in row {first}. Every row needs the same number of columns.</source>
        <translation>{row}행에서 칸 수가 바뀝니다: 그 행은 {cells}칸, {first}행은 {columns}칸입니다. 모든 행의 열 수가 같아야 합니다.</translation>
    </message>
    <message>
        <source>Row {row} cannot be read as CSV: {reason}.</source>
        <translation>{row}행을 CSV로 읽을 수 없습니다: {reason}.</translation>
    </message>
    <message>
        <source>The table holds no rows of numbers.</source>
        <translation>표에 숫자로 된 행이 없습니다.</translation>
    </message>
    <message>
        <source>The table has one row; predicting the next value needs at least two.</source>
        <translation>표에 행이 하나뿐입니다. 다음 값을 예측하려면 두 행 이상이 필요합니다.</translation>
    </message>
    <message>
        <source>The table has {rows} rows of numbers; a sequence has at most {limit} steps (one per row).</source>
        <translation>표에 숫자 행이 {rows}개 있습니다. 시퀀스는 최대 {limit}개 시점(행마다 하나)까지입니다.</translation>
    </message>
    <message>
        <source>Row {row}, {column} is empty; every cell needs a number.</source>
        <translation>{row}행 {column}이(가) 비어 있습니다. 모든 칸에 숫자가 있어야 합니다.</translation>
    </message>
    <message>
        <source>Row {row}, {column} holds {value}: NaN and infinite values cannot be learned from.</source>
        <translation>{row}행 {column}의 값이 {value}입니다: NaN과 무한대 값으로는 학습할 수 없습니다.</translation>
    </message>
    <message>
        <source>Row {row}, {column} holds {value}, which is not a number.</source>
        <translation>{row}행 {column}의 값 {value}은(는) 숫자가 아닙니다.</translation>
    </message>
    <message>
        <source>Row {row}, {column} holds {value}, beyond the largest number a session takes (±{limit}).</source>
        <translation>{row}행 {column}의 값 {value}은(는) 세션이 받는 가장 큰 수(±{limit})를 넘습니다.</translation>
    </message>
    <message>
        <source>Choose at least one input column.</source>
        <translation>입력 열을 하나 이상 고르세요.</translation>
    </message>
    <message>
        <source>Choose at least one target column.</source>
        <translation>목표값 열을 하나 이상 고르세요.</translation>
    </message>
    <message>
        <source>Carrying the state from batch to batch needs a text to read in order (next-character prediction); the {task} draws independent sequences.</source>
        <translation>배치에서 배치로 상태를 이어 가려면 차례로 읽을 텍스트가 있어야 합니다(다음 글자 예측). {task}은(는) 서로 독립인 시퀀스를 뽑습니다.</translation>
    </message>
    <message>
        <source>Training on one fixed sequence leaves nothing to hold out for validation: choose a task or a text, or turn validation off.</source>
        <translation>고정된 시퀀스 하나로 학습하면 검증용으로 떼어 둘 데이터가 없습니다. 과제나 텍스트를 고르거나 검증을 끄세요.</translation>
    </message>
    <message>
        <source>Holding out {percent} % of a text of {characters} characters leaves fewer than two characters to validate on; hold out more or use a longer text.</source>
        <translation>{characters}자 텍스트의 {percent} %를 떼어 두면 검증할 글자가 두 개도 남지 않습니다. 더 많이 떼어 두거나 더 긴 텍스트를 쓰세요.</translation>
    </message>
    <message>
        <source>After holding out {percent} % for validation, {characters} characters are left to train on: fewer than a sequence of {steps} steps needs.</source>
        <translation>검증용으로 {percent} %를 떼어 두면 학습할 글자가 {characters}자 남아, {steps}개 시점의 시퀀스 하나에도 모자랍니다.</translation>
    </message>
    <message>
        <source>The text to train on ({characters} characters) is too short to read as {streams} streams of at least {steps} characters; use a smaller batch or shorter sequences.</source>
        <translation>학습할 텍스트({characters}자)가 너무 짧아 {steps}자 이상인 흐름 {streams}개로 나누어 읽을 수 없습니다. 배치를 줄이거나 시퀀스를 짧게 하세요.</translation>
    </message>
    <message>
        <source>{file} is too large for a vocabulary.</source>
        <translation>{file}은(는) 어휘 파일로는 너무 큽니다.</translation>
    </message>
    <message>
        <source>{file} is not a JSON file ({reason}).</source>
        <translation>{file}은(는) JSON 파일이 아닙니다({reason}).</translation>
    </message>
    <message>
        <source>{file} must be an object with a &quot;characters&quot; list, e.g. {example}.</source>
        <translation>{file}은(는) &quot;characters&quot; 목록을 가진 객체여야 합니다. 예: {example}.</translation>
    </message>
    <message>
        <source>{file}: &quot;characters&quot; must be a non-empty list of characters.</source>
        <translation>{file}: &quot;characters&quot;는 비어 있지 않은 문자 목록이어야 합니다.</translation>
    </message>
    <message>
        <source>{file}: entry {index} of &quot;characters&quot; is {value}, not one character.</source>
        <translation>{file}: &quot;characters&quot;의 {index}번 항목이 {value}입니다. 문자 하나가 아닙니다.</translation>
    </message>
    <message>
        <source>{file}: {character} is listed twice in &quot;characters&quot; (entries {first} and {second}).</source>
        <translation>{file}: {character}이(가) &quot;characters&quot;에 두 번 있습니다({first}번과 {second}번 항목).</translation>
    </message>
    <message>
        <source>{file}: &quot;characters&quot; must list at least two characters.</source>
        <translation>{file}: &quot;characters&quot;에는 문자가 두 개 이상 있어야 합니다.</translation>
    </message>
    <message>
        <source>{file}: &quot;nonlinearity&quot; must be &quot;tanh&quot; or &quot;relu&quot;, not {value}.</source>
        <translation>{file}: &quot;nonlinearity&quot;는 {value}가 아니라 &quot;tanh&quot; 또는 &quot;relu&quot;여야 합니다.</translation>
    </message>
    <message>
        <source>The model has a key LSTM Studio does not know: {key} (shape {shape}). It opens an embedding ({embedding}.weight), one nn.LSTM, nn.GRU or nn.RNN and a linear read-out ({readout}.weight, .bias).</source>
        <translation>모델에 LSTM Studio가 모르는 키가 있습니다: {key} (모양 {shape}). 열 수 있는 것은 임베딩({embedding}.weight), nn.LSTM·nn.GRU·nn.RNN 하나, 선형 출력층({readout}.weight, .bias)입니다.</translation>
    </message>
    <message>
        <source>The model has weights of several modules of one role ({modules}); LSTM Studio opens one embedding, one recurrent stack and one read-out.</source>
        <translation>모델에 같은 역할의 모듈 가중치가 여럿 있습니다({modules}). LSTM Studio는 임베딩 하나, 순환 층 스택 하나, 출력층 하나를 엽니다.</translation>
    </message>
    <message>
        <source>The model has no recurrent weights (missing key: weight_ih_l0 of an nn.LSTM, nn.GRU or nn.RNN).</source>
        <translation>모델에 순환 가중치가 없습니다(없는 키: nn.LSTM, nn.GRU 또는 nn.RNN의 weight_ih_l0).</translation>
    </message>
    <message>
        <source>The model has no key {key}.</source>
        <translation>모델에 키 {key}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>{key} has shape {shape}: an nn.LSTM has 4H × H, an nn.GRU 3H × H, an nn.RNN H × H.</source>
        <translation>{key}의 모양이 {shape}입니다. nn.LSTM은 4H × H, nn.GRU는 3H × H, nn.RNN은 H × H입니다.</translation>
    </message>
    <message>
        <source>The vocabulary gives a nonlinearity ({value}), but the model is an nn.{module}: only an nn.RNN has one to choose.</source>
        <translation>어휘에 비선형 함수({value})가 있지만 모델은 nn.{module}입니다. 비선형 함수를 고를 수 있는 것은 nn.RNN뿐입니다.</translation>
    </message>
    <message>
        <source>The vocabulary has {count} characters but the embedding {key} has shape {shape} ({count} rows expected).</source>
        <translation>어휘의 문자는 {count}개인데 임베딩 {key}의 모양은 {shape}입니다({count}행이어야 합니다).</translation>
    </message>
    <message>
        <source>The model has no embedding, so {key} reads one-hot characters: it needs {count} columns for the {count} characters of the vocabulary, not shape {shape}.</source>
        <translation>모델에 임베딩이 없으므로 {key}은(는) 원-핫 문자를 읽습니다. 어휘의 문자 {count}개에 맞게 {count}열이어야 하며, 모양 {shape}은(는) 맞지 않습니다.</translation>
    </message>
    <message>
        <source>The vocabulary has {count} characters but the read-out {key} has shape {shape} ({count} rows expected).</source>
        <translation>어휘의 문자는 {count}개인데 출력층 {key}의 모양은 {shape}입니다({count}행이어야 합니다).</translation>
    </message>
    <message>
        <source>The model has a key {key} that a {layers}-layer network does not have (shape {shape}).</source>
        <translation>모델에 {layers}층 네트워크에는 없는 키 {key}이(가) 있습니다(모양 {shape}).</translation>
    </message>
    <message>
        <source>The model has no key {key} (shape {shape} expected).</source>
        <translation>모델에 키 {key}이(가) 없습니다(모양 {shape}이어야 합니다).</translation>
    </message>
    <message>
        <source>{key} has shape {shape}; this model needs {expected}.</source>
        <translation>{key}의 모양이 {shape}입니다. 이 모델에는 {expected}이어야 합니다.</translation>
    </message>
    <message>
        <source>{key} contains NaN or infinity.</source>
        <translation>{key}에 NaN 또는 무한대가 있습니다.</translation>
    </message>
    <message>
        <source>{key} holds values beyond ±{limit}, the largest LSTM Studio takes.</source>
        <translation>{key}에 LSTM Studio가 받는 가장 큰 값 ±{limit}을 넘는 값이 있습니다.</translation>
    </message>
    <message>
        <source>{key}: must hold floating-point numbers, not {type}.</source>
        <translation>{key}: {type}이 아니라 부동소수점 수여야 합니다.</translation>
    </message>
    <message>
        <source>Feeding predictions back needs as many outputs as inputs: the read-out has {outputs} output(s) and the network {inputs} input(s).</source>
        <translation>예측을 되먹이려면 출력 수와 입력 수가 같아야 합니다: 읽기층의 출력은 {outputs}개, 네트워크의 입력은 {inputs}개입니다.</translation>
    </message>
    <message>
        <source>Feeding predictions back needs a network that runs forward only: a bidirectional network reads inputs that are not generated yet.</source>
        <translation>예측을 되먹이려면 순방향으로만 도는 네트워크여야 합니다: 양방향 네트워크는 아직 만들어지지 않은 입력을 읽습니다.</translation>
    </message>
    <message>
        <source>Free running must start between the second and the last step (t = 2 to {last}), not at {start}.</source>
        <translation>자유 실행은 두 번째 시점과 마지막 시점 사이(t = 2 ~ {last})에서 시작해야 합니다. {start}에서는 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>Only predicted numbers (a mean squared error session) can be fed back, not class scores.</source>
        <translation>되먹일 수 있는 것은 예측한 수(평균 제곱 오차 세션)뿐이며, 클래스 점수는 되먹일 수 없습니다.</translation>
    </message>
    <message>
        <source>Feeding back {steps} steps through {layers} layer(s) would take about {seconds:.0f} s after every change: start later or use fewer steps or layers.</source>
        <translation>{layers}개 층을 거쳐 {steps}개 시점을 되먹이면 변경할 때마다 약 {seconds:.0f}초가 걸립니다: 더 늦은 시점에서 시작하거나 시점 수나 층 수를 줄이세요.</translation>
    </message>
    <message>
        <source>Training this network on batches of {batch} sequences would need about {memory} of memory, more than the {budget} allowed (half of this computer&apos;s). Use smaller batches, fewer steps or fewer units.</source>
        <translation>이 네트워크를 {batch}개 시퀀스의 배치로 학습하려면 약 {memory}의 메모리가 필요해 허용된 {budget}(이 컴퓨터 메모리의 절반)을(를) 넘습니다. 배치를 줄이거나 단계 또는 유닛 수를 줄이세요.</translation>
    </message>
</context>
<context>
    <name>SaturationPanel</name>
    <message>
        <source>How often each gate unit is saturated over the whole text (Karpathy et al. 2015, fig. 3): each point is one unit of one σ gate, at the fraction of characters where the gate is below 0.1 (left-saturated, nearly shut) across and above 0.9 (right-saturated, nearly open) up. Click a point to select its unit.</source>
        <translation>텍스트 전체에서 각 게이트 유닛이 얼마나 자주 포화되는지 (Karpathy 외 2015, 그림 3): 점 하나가 σ 게이트 하나의 유닛 하나이며, 가로는 게이트가 0.1 미만인 (왼쪽 포화, 거의 닫힘) 글자의 비율, 세로는 0.9 초과인 (오른쪽 포화, 거의 열림) 글자의 비율입니다. 점을 클릭하면 그 유닛이 선택됩니다.</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>층 {0}</translation>
    </message>
    <message>
        <source>Gate saturation</source>
        <translation>게이트 포화</translation>
    </message>
    <message>
        <source>fraction left-saturated (σ &lt; {0})</source>
        <translation>왼쪽 포화 비율 (σ &lt; {0})</translation>
    </message>
    <message>
        <source>fraction right-saturated (σ &gt; {0})</source>
        <translation>오른쪽 포화 비율 (σ &gt; {0})</translation>
    </message>
    <message>
        <source>i — input gate</source>
        <translation>i — 입력 게이트</translation>
    </message>
    <message>
        <source>f — forget gate</source>
        <translation>f — 삭제 게이트</translation>
    </message>
    <message>
        <source>o — output gate</source>
        <translation>o — 출력 게이트</translation>
    </message>
    <message>
        <source>r — reset gate</source>
        <translation>r — 리셋 게이트</translation>
    </message>
    <message>
        <source>z — update gate</source>
        <translation>z — 업데이트 게이트</translation>
    </message>
    <message>
        <source>Reading the text… Gate saturation is shown when the network&apos;s run over the text, computed in the background, is ready.</source>
        <translation>텍스트를 읽는 중… 네트워크가 텍스트를 처리한 결과를 백그라운드에서 계산하고 있으며, 준비되면 게이트 포화를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Gate saturation is measured over the text of a next-character session; this session has no text.</source>
        <translation>게이트 포화는 다음 글자 예측 세션의 텍스트에서 측정합니다. 이 세션에는 텍스트가 없습니다.</translation>
    </message>
    <message>
        <source>This network has no σ gates to saturate (its only nonlinearity is the activation {0}).</source>
        <translation>이 신경망에는 포화될 σ 게이트가 없습니다 (비선형 함수는 활성화 {0} 하나뿐입니다).</translation>
    </message>
    <message>
        <source>the first {0} of {1} characters</source>
        <translation>전체 {1}글자 중 처음 {0}글자</translation>
    </message>
    <message>
        <source>all {0} characters</source>
        <translation>전체 {0}글자</translation>
    </message>
    <message>
        <source>Each point is one unit of one σ gate over {0} of the text: how often it is nearly shut (across) and nearly open (up). Top left: nearly always open (a forget gate there keeps its cell); bottom right: nearly always shut; near 0, 0: in its middle range. Click a point to select its unit.</source>
        <translation>점 하나가 σ 게이트 하나의 유닛 하나이며, 텍스트의 {0}에서 얼마나 자주 거의 닫히는지 (가로), 거의 열리는지 (세로)를 보여 줍니다. 왼쪽 위: 거의 항상 열림 (그곳의 삭제 게이트는 셀을 간직합니다), 오른쪽 아래: 거의 항상 닫힘, 0, 0 근처: 중간 범위에서 동작. 점을 클릭하면 그 유닛이 선택됩니다.</translation>
    </message>
    <message>
        <source>{0} of unit {1}: left-saturated {2} %, right-saturated {3} %</source>
        <translation>유닛 {1}의 {0}: 왼쪽 포화 {2} %, 오른쪽 포화 {3} %</translation>
    </message>
</context>
<context>
    <name>ScheduleBox</name>
    <message>
        <source>Schedule and validation</source>
        <translation>학습률 일정과 검증</translation>
    </message>
    <message>
        <source>How the learning rate changes over a run, which part of the data is held out to measure a validation loss, and whether a text is read in order</source>
        <translation>한 번의 학습 동안 학습률이 어떻게 바뀌는지, 검증 손실을 재려고 데이터의 어느 부분을 떼어 두는지, 텍스트를 차례로 읽는지</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>일정</translation>
    </message>
    <message>
        <source>step decay</source>
        <translation>계단식 감소</translation>
    </message>
    <message>
        <source>cosine, restarting</source>
        <translation>코사인(다시 시작)</translation>
    </message>
    <message>
        <source>Learning-rate schedule (as PyTorch&apos;s StepLR and CosineAnnealingWarmRestarts): step decay multiplies the rate by the decay every period; cosine lowers it towards 0 over each period and starts again</source>
        <translation>학습률 일정(PyTorch의 StepLR, CosineAnnealingWarmRestarts와 같음): 계단식 감소는 주기마다 학습률에 감소율을 곱하고, 코사인은 주기마다 학습률을 0 쪽으로 낮춘 뒤 다시 시작합니다</translation>
    </message>
    <message>
        <source>Steps per period of the schedule</source>
        <translation>일정의 한 주기에 해당하는 학습 단계 수</translation>
    </message>
    <message>
        <source>Factor of each step decay</source>
        <translation>계단식 감소마다 곱하는 값</translation>
    </message>
    <message>
        <source>Share of the data never trained on: the end of a text, or a fixed set of sequences of a generated task (0 = no validation)</source>
        <translation>학습에 쓰지 않는 데이터의 비중: 텍스트의 끝부분, 또는 생성되는 과제의 고정된 시퀀스 묶음(0 = 검증 안 함)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>Measure the validation loss every this many steps</source>
        <translation>이만큼의 학습 단계마다 검증 손실을 잽니다</translation>
    </message>
    <message>
        <source>every</source>
        <translation>간격</translation>
    </message>
    <message>
        <source>Read the text in order</source>
        <translation>텍스트를 차례로 읽기</translation>
    </message>
    <message>
        <source>Cut the text into one stream per batch row and train on consecutive chunks, each starting from the state the previous chunk ended in (as char-rnn trains); the gradient still stops at each chunk&apos;s start (truncated BPTT)</source>
        <translation>텍스트를 배치의 행마다 하나의 흐름으로 나누고, 이어지는 조각으로 학습합니다. 각 조각은 앞 조각이 끝난 상태에서 시작합니다(char-rnn의 학습 방식). 기울기는 여전히 각 조각의 시작에서 멈춥니다(절단된 BPTT)</translation>
    </message>
    <message>
        <source>Load the weights the last run had at its lowest validation loss (undoable)</source>
        <translation>지난 학습에서 검증 손실이 가장 낮았을 때의 가중치를 불러옵니다(실행 취소 가능)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>학습률 일정</translation>
    </message>
    <message>
        <source>Hold out</source>
        <translation>검증용 비중</translation>
    </message>
    <message>
        <source>Schedule period</source>
        <translation>일정 주기</translation>
    </message>
    <message>
        <source>Decay</source>
        <translation>감소율</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>검증 간격</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켬</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Use the best weights (step {0}, validation loss {1})</source>
        <translation>가장 좋은 가중치 쓰기(학습 단계 {0}, 검증 손실 {1})</translation>
    </message>
    <message>
        <source>Best weights of step {0}</source>
        <translation>학습 단계 {0}의 가장 좋은 가중치</translation>
    </message>
</context>
<context>
    <name>SequenceEditor</name>
    <message>
        <source>The input sequence x_t: type values, draw on the plot or use a generator.</source>
        <translation>입력 시퀀스 x_t: 값을 입력하거나, 그래프 위에 그리거나, 생성기를 쓰세요.</translation>
    </message>
    <message>
        <source>The targets y_t the loss compares the read-out with, and where the loss applies.</source>
        <translation>손실이 출력층의 출력과 비교하는 목표값 y_t, 그리고 손실을 계산하는 시점.</translation>
    </message>
    <message>
        <source>time step t</source>
        <translation>시점 t</translation>
    </message>
    <message>
        <source>Drag with the left mouse button to draw the chosen channel.</source>
        <translation>마우스 왼쪽 버튼으로 끌어서 선택한 채널을 그립니다.</translation>
    </message>
    <message>
        <source>The channel a drawn stroke or a generator changes.</source>
        <translation>그리기나 생성기가 바꾸는 채널.</translation>
    </message>
    <message>
        <source>Sequence length T (truncates or pads with zeros).</source>
        <translation>시퀀스 길이 T (자르거나 0으로 채움).</translation>
    </message>
    <message>
        <source>Number of input channels (input size).</source>
        <translation>입력 채널 수 (입력 크기).</translation>
    </message>
    <message>
        <source>Number of target channels (output size of the read-out).</source>
        <translation>목표값 채널 수 (출력층의 출력 크기).</translation>
    </message>
    <message>
        <source>Why the last edit was refused.</source>
        <translation>마지막 편집이 거부된 이유.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>길이</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>채널 수</translation>
    </message>
    <message>
        <source>Channel {0}{1}: the column “{2}” of the table</source>
        <translation>채널 {0}{1}: 표의 열 “{2}”</translation>
    </message>
    <message>
        <source>Channel {0}{1}: the character {2}</source>
        <translation>채널 {0}{1}: 글자 {2}</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>생성기</translation>
    </message>
    <message>
        <source>Fill the chosen channel (or every channel) with a generated sequence.</source>
        <translation>선택한 채널(또는 모든 채널)을 생성한 시퀀스로 채웁니다.</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>모두 0</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>상수</translation>
    </message>
    <message>
        <source>Step at t=k</source>
        <translation>t=k에서 계단</translation>
    </message>
    <message>
        <source>Impulse at t=k</source>
        <translation>t=k에서 임펄스</translation>
    </message>
    <message>
        <source>Sine</source>
        <translation>사인</translation>
    </message>
    <message>
        <source>Uniform noise</source>
        <translation>균등 잡음</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>가우스 잡음</translation>
    </message>
    <message>
        <source>One-hot text</source>
        <translation>원-핫 텍스트</translation>
    </message>
    <message>
        <source>Which sequence to generate.</source>
        <translation>생성할 시퀀스.</translation>
    </message>
    <message>
        <source>Text to encode, one character per time step (sets the length).</source>
        <translation>인코딩할 텍스트, 시점마다 한 글자 (길이가 정해짐).</translation>
    </message>
    <message>
        <source>Characters of the vocabulary, one per channel (empty: those of the text).</source>
        <translation>어휘의 글자, 채널마다 하나 (비우면 텍스트의 글자).</translation>
    </message>
    <message>
        <source>characters of the text</source>
        <translation>텍스트의 글자</translation>
    </message>
    <message>
        <source>The value of the sequence.</source>
        <translation>시퀀스의 값.</translation>
    </message>
    <message>
        <source>Period of the sine in time steps.</source>
        <translation>사인의 주기 (시점 단위).</translation>
    </message>
    <message>
        <source>Phase of the sine in radians.</source>
        <translation>사인의 위상 (라디안).</translation>
    </message>
    <message>
        <source>Amplitude of the sine.</source>
        <translation>사인의 진폭.</translation>
    </message>
    <message>
        <source>Lowest value of the noise.</source>
        <translation>잡음의 최솟값.</translation>
    </message>
    <message>
        <source>Highest value of the noise.</source>
        <translation>잡음의 최댓값.</translation>
    </message>
    <message>
        <source>Mean of the noise.</source>
        <translation>잡음의 평균.</translation>
    </message>
    <message>
        <source>Standard deviation of the noise.</source>
        <translation>잡음의 표준 편차.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Step k</source>
        <translation>시점 k</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>주기</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>위상</translation>
    </message>
    <message>
        <source>Amplitude</source>
        <translation>진폭</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>최소</translation>
    </message>
    <message>
        <source>High</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>Std. dev.</source>
        <translation>표준 편차</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>어휘</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>적용</translation>
    </message>
    <message>
        <source>Generate into the chosen channel (one undoable step).</source>
        <translation>선택한 채널에 생성합니다 (한 번에 취소 가능).</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>How the read-out is compared with the targets, and at which steps.</source>
        <translation>출력층의 출력을 목표값과 어떻게, 어느 시점에서 비교할지.</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>평균 제곱 오차</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>교차 엔트로피</translation>
    </message>
    <message>
        <source>MSE compares values; cross-entropy treats each target row as a class (the argmax of the row).</source>
        <translation>MSE는 값을 비교하고, 교차 엔트로피는 각 목표값 행을 클래스(그 행의 argmax)로 다룹니다.</translation>
    </message>
    <message>
        <source>Steps where the loss applies, counted from 1 (t = 1..T), e.g. “1, 5, 10-12”; Enter applies.</source>
        <translation>손실을 계산하는 시점(1부터 셈, t = 1..T), 예: “1, 5, 10-12”. Enter로 적용합니다.</translation>
    </message>
    <message>
        <source>at</source>
        <translation>적용 시점</translation>
    </message>
    <message>
        <source>Every step</source>
        <translation>모든 시점</translation>
    </message>
    <message>
        <source>One row per time step, one column per channel: double-click or type to edit; Ctrl+C / Ctrl+V copy and paste blocks (e.g. from a spreadsheet).</source>
        <translation>시점마다 한 행, 채널마다 한 열: 두 번 클릭하거나 입력하여 편집하고, Ctrl+C / Ctrl+V로 블록을 복사하고 붙여 넣습니다 (예: 스프레드시트에서).</translation>
    </message>
    <message>
        <source>The time step k of the step or impulse (1 to T).</source>
        <translation>계단 또는 임펄스의 시점 k (1부터 T까지).</translation>
    </message>
    <message>
        <source>Seed of the random numbers: the same seed gives the same noise (channel k uses seed + k).</source>
        <translation>난수 시드: 같은 시드는 같은 잡음을 만듭니다 (채널 k는 시드 + k를 씀).</translation>
    </message>
    <message>
        <source>Last step only</source>
        <translation>마지막 시점만</translation>
    </message>
    <message>
        <source>Chosen steps</source>
        <translation>선택한 시점</translation>
    </message>
    <message>
        <source>The time steps where the loss applies.</source>
        <translation>손실을 계산하는 시점.</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>모든 채널</translation>
    </message>
    <message>
        <source>Channel {0} ({1})</source>
        <translation>채널 {0} ({1})</translation>
    </message>
    <message>
        <source>Channel {0}</source>
        <translation>채널 {0}</translation>
    </message>
    <message>
        <source>Change size</source>
        <translation>크기 바꾸기</translation>
    </message>
    <message>
        <source>Generate {0}</source>
        <translation>{0} 생성</translation>
    </message>
    <message>
        <source>Change loss</source>
        <translation>손실 바꾸기</translation>
    </message>
    <message>
        <source>Loss steps</source>
        <translation>손실 시점</translation>
    </message>
    <message>
        <source>Draw {0}</source>
        <translation>{0} 그리기</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>it is not a regular file</source>
        <translation>일반 파일이 아닙니다</translation>
    </message>
    <message>
        <source>Qt cannot parse it</source>
        <translation>Qt가 해석할 수 없습니다</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>읽을 수 없습니다</translation>
    </message>
    <message>
        <source>it holds binary data</source>
        <translation>이진 데이터가 들어 있습니다</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>UTF-8 텍스트가 아닙니다</translation>
    </message>
    <message>
        <source>The settings file was damaged ({reason}); LSTM Studio starts with its defaults. The old file was kept as {kept}.</source>
        <translation>설정 파일이 손상되었습니다 ({reason}). LSTM Studio는 기본 설정으로 시작합니다. 예전 파일은 {kept}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <source>The settings file {file} is damaged ({reason}) and could not be set aside; LSTM Studio uses its defaults where it cannot read a setting.</source>
        <translation>설정 파일 {file}이(가) 손상되었고 ({reason}) 따로 옮겨 둘 수 없었습니다. 읽을 수 없는 설정에는 LSTM Studio의 기본값을 씁니다.</translation>
    </message>
</context>
<context>
    <name>SettingsBox</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Hyper-parameters of the next training run</source>
        <translation>다음 학습 실행의 하이퍼파라미터</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>모멘텀 SGD</translation>
    </message>
    <message>
        <source>Adam adapts the step size of every weight; SGD moves against the gradient, with momentum if set</source>
        <translation>Adam은 가중치마다 보폭을 맞춰 주고, SGD는 기울기 반대 방향으로 움직입니다 (설정하면 모멘텀과 함께)</translation>
    </message>
    <message>
        <source>Learning rate: the size of each step</source>
        <translation>학습률: 한 단계의 보폭</translation>
    </message>
    <message>
        <source>Momentum of SGD (0 = plain gradient descent)</source>
        <translation>SGD의 모멘텀 (0 = 보통의 경사 하강법)</translation>
    </message>
    <message>
        <source>Sequences per training step</source>
        <translation>학습 단계마다의 시퀀스 수</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>by norm</source>
        <translation>노름 기준</translation>
    </message>
    <message>
        <source>by value</source>
        <translation>값 기준</translation>
    </message>
    <message>
        <source>Gradient clipping: scale the whole gradient down to a maximum norm, or cut every entry to ±value</source>
        <translation>기울기 클리핑: 기울기 전체를 최대 노름까지 줄이거나, 모든 성분을 ±값으로 자릅니다</translation>
    </message>
    <message>
        <source>Clipping threshold</source>
        <translation>클리핑 임계값</translation>
    </message>
    <message>
        <source>Truncated BPTT: gradients flow back at most this many steps (off = the whole sequence)</source>
        <translation>잘린 BPTT: 기울기가 거꾸로 흐르는 최대 시점 수 (끔 = 시퀀스 전체)</translation>
    </message>
    <message>
        <source>Seed of the training batches: the same seed gives the same run</source>
        <translation>학습 배치의 시드: 같은 시드는 같은 실행을 만듭니다</translation>
    </message>
    <message>
        <source>Number of training steps of a run</source>
        <translation>한 번 실행할 때의 학습 단계 수</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Clipping</source>
        <translation>클리핑</translation>
    </message>
    <message>
        <source>Truncate BPTT</source>
        <translation>BPTT 잘라내기</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계 수</translation>
    </message>
    <message>
        <source>This session&apos;s learning rate {0:g} lies outside {1:g} … {2:g}: the dock uses {3:g} instead.</source>
        <translation>이 세션의 학습률 {0:g}은(는) {1:g} … {2:g} 범위 밖이므로 대신 {3:g}을(를) 씁니다.</translation>
    </message>
    <message>
        <source>This session clips by norm {0:g} and then by value {1:g}: the dock shows the norm only, the panels and training use both.</source>
        <translation>이 세션은 노름 {0:g} 기준으로 클리핑한 뒤 값 {1:g} 기준으로도 클리핑합니다. 학습 도크에는 노름만 표시되지만, 패널과 학습은 둘 다 씁니다.</translation>
    </message>
    <message>
        <source>This session&apos;s clipping threshold {0:g} lies outside {1:g} … {2:g}: the dock shows {3:g}, the panels and training use {0:g}.</source>
        <translation>이 세션의 클리핑 임계값 {0:g}은(는) {1:g} … {2:g} 범위 밖이므로 학습 도크에는 {3:g}(으)로 표시되지만, 패널과 학습은 {0:g}을(를) 씁니다.</translation>
    </message>
    <message>
        <source>Learning rate {0:g} refused: it must lie between {1:g} and {2:g}. It stays {3:g}.</source>
        <translation>학습률 {0:g}은(는) 받아들일 수 없습니다: {1:g}에서 {2:g} 사이여야 합니다. 학습률은 {3:g} 그대로입니다.</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Truncate BPTT: {0}</source>
        <translation>BPTT 잘라내기: {0}</translation>
    </message>
    <message>
        <source>Clipping: {0}</source>
        <translation>클리핑: {0}</translation>
    </message>
</context>
<context>
    <name>StateEditor</name>
    <message>
        <source>Initial states h0 and c0 the network starts from (zeros by default).</source>
        <translation>신경망이 출발하는 초기 상태 h0와 c0 (기본값은 0).</translation>
    </message>
    <message>
        <source>Initial hidden state h0: a row per layer and direction, a column per unit.</source>
        <translation>초기 은닉 상태 h0: 층과 방향마다 한 행, 유닛마다 한 열.</translation>
    </message>
    <message>
        <source>Initial cell state c0 (LSTM only): a row per layer and direction, a column per unit.</source>
        <translation>초기 셀 상태 c0 (LSTM 전용): 층과 방향마다 한 행, 유닛마다 한 열.</translation>
    </message>
    <message>
        <source>unit {0}</source>
        <translation>유닛 {0}</translation>
    </message>
    <message>
        <source>h0 for every kind; c0 only for LSTM kinds.</source>
        <translation>h0는 모든 종류에, c0는 LSTM 종류에만 있습니다.</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>모두 0</translation>
    </message>
    <message>
        <source>Set the state shown to zero (one undoable step).</source>
        <translation>보이는 상태를 0으로 설정합니다 (한 번에 취소 가능).</translation>
    </message>
    <message>
        <source>Why the last edit was refused.</source>
        <translation>마지막 편집이 거부된 이유.</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>층 {0}</translation>
    </message>
    <message>
        <source>layer {0} {1}</source>
        <translation>층 {0} {1}</translation>
    </message>
    <message>
        <source>Initial cell state c0.</source>
        <translation>초기 셀 상태 c0.</translation>
    </message>
    <message>
        <source>Only LSTM networks have a cell state.</source>
        <translation>LSTM 신경망에만 셀 상태가 있습니다.</translation>
    </message>
    <message>
        <source>Zero {0}</source>
        <translation>{0}을(를) 0으로</translation>
    </message>
</context>
<context>
    <name>StatesPanel</name>
    <message>
        <source>other units</source>
        <translation>다른 유닛</translation>
    </message>
    <message>
        <source>{0} of unit {1}</source>
        <translation>유닛 {1}의 {0}</translation>
    </message>
    <message>
        <source>States of the selected layer and direction: heatmaps of the cell state c_t (LSTM kinds) and hidden state h_t, units down and time across, with curves of the selected unit (highlighted) and the other units (faint).</source>
        <translation>선택한 층과 방향의 상태: 셀 상태 c_t(LSTM 종류)와 은닉 상태 h_t의 히트맵(세로는 유닛, 가로는 시간), 그리고 선택한 유닛(강조)과 다른 유닛(흐리게)의 곡선.</translation>
    </message>
    <message>
        <source>cell state</source>
        <translation>셀 상태</translation>
    </message>
    <message>
        <source>hidden state</source>
        <translation>은닉 상태</translation>
    </message>
    <message>
        <source>States, batch sample 0{0}</source>
        <translation>상태, 배치 샘플 0{0}</translation>
    </message>
</context>
<context>
    <name>TextView</name>
    <message>
        <source>unit {0}</source>
        <translation>유닛 {0}</translation>
    </message>
</context>
<context>
    <name>TextViewPanel</name>
    <message>
        <source>The whole training text, each character&apos;s background coloured by the selected unit&apos;s value after reading it (the state carried across the whole text). Click a character to move the time cursor there; drag over a span to find the units that are on there and off around it.</source>
        <translation>학습 텍스트 전체. 각 글자의 배경색은 그 글자를 읽은 뒤 선택한 유닛의 값입니다 (상태는 텍스트 전체에 걸쳐 이어집니다). 글자를 클릭하면 시점 커서가 그곳으로 옮겨 가고, 구간을 드래그하면 그곳에서 켜지고 주변에서는 꺼지는 유닛을 찾습니다.</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>색 기준:</translation>
    </message>
    <message>
        <source>Which value of the selected unit colours each character</source>
        <translation>선택한 유닛의 어떤 값으로 각 글자를 칠할지</translation>
    </message>
    <message>
        <source>The colours&apos; values: σ gates 0..1; h, g and n −1..1; c symmetric about 0, fitted to the unit</source>
        <translation>색이 나타내는 값: σ 게이트 0..1, h, g, n −1..1, c는 0을 중심으로 대칭이며 유닛에 맞춤</translation>
    </message>
    <message>
        <source>The values of the selected unit at the character under the mouse</source>
        <translation>마우스 아래 글자에서 선택한 유닛의 값</translation>
    </message>
    <message>
        <source>Units ranked by mean value on the selected span minus mean over the {0} characters on each side; click a row to select the unit everywhere. Underlined in the text: where the best {1} are all at least 3/4 of the way from their level around the span to their level on it.</source>
        <translation>선택한 구간에서의 평균값에서 양쪽 {0}글자의 평균값을 뺀 점수로 순위를 매긴 유닛입니다. 행을 클릭하면 모든 패널에서 그 유닛이 선택됩니다. 텍스트의 밑줄: 상위 {1}개 유닛이 모두 구간 주변의 수준에서 구간의 수준까지 3/4 이상 올라간 곳.</translation>
    </message>
    <message>
        <source>Reading the text… The network&apos;s run over the text is computed in the background and shown here when it is ready.</source>
        <translation>텍스트를 읽는 중… 네트워크가 텍스트를 처리한 결과를 백그라운드에서 계산하고 있으며, 준비되면 여기에 보여 줍니다.</translation>
    </message>
    <message>
        <source>The text view shows the text of a next-character session. Choose the task “Next-character prediction” in the Training panel (or open a text example from File ▸ Examples) to see what each unit does along the text.</source>
        <translation>텍스트 보기는 다음 글자 예측 세션의 텍스트를 보여 줍니다. 학습 패널에서 “다음 글자 예측” 과제를 고르면 (또는 파일 ▸ 예제에서 텍스트 예제를 열면) 각 유닛이 텍스트를 따라 무엇을 하는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Drag over a span of the text to find the units that are on there and off around it.</source>
        <translation>텍스트의 한 구간을 드래그하면 그곳에서 켜지고 주변에서는 꺼지는 유닛을 찾습니다.</translation>
    </message>
    <message>
        <source>h — hidden state</source>
        <translation>h — 은닉 상태</translation>
    </message>
    <message>
        <source>c — cell state</source>
        <translation>c — 셀 상태</translation>
    </message>
    <message>
        <source>i — input gate</source>
        <translation>i — 입력 게이트</translation>
    </message>
    <message>
        <source>f — forget gate</source>
        <translation>f — 삭제 게이트</translation>
    </message>
    <message>
        <source>g — candidate cell input</source>
        <translation>g — 후보 값 (셀 입력)</translation>
    </message>
    <message>
        <source>o — output gate</source>
        <translation>o — 출력 게이트</translation>
    </message>
    <message>
        <source>r — reset gate</source>
        <translation>r — 리셋 게이트</translation>
    </message>
    <message>
        <source>z — update gate</source>
        <translation>z — 업데이트 게이트</translation>
    </message>
    <message>
        <source>n — candidate state</source>
        <translation>n — 후보 상태</translation>
    </message>
    <message>
        <source>the first {0} of {1} characters</source>
        <translation>전체 {1}글자 중 처음 {0}글자</translation>
    </message>
    <message>
        <source>all {0} characters</source>
        <translation>전체 {0}글자</translation>
    </message>
    <message>
        <source>the sequence window is not in the text (its inputs were edited)</source>
        <translation>시퀀스 창이 텍스트에 없습니다 (입력이 편집되었습니다)</translation>
    </message>
    <message>
        <source>dashed frame: the sequence window (characters {0}–{1})</source>
        <translation>점선 테두리: 시퀀스 창 ({0}–{1}번째 글자)</translation>
    </message>
    <message>
        <source>{0}: {1} at each character of {2}, the state carried across the whole text from h0 · {3}</source>
        <translation>{0}: {2}의 각 글자에서의 {1}, 상태는 h0에서 시작해 텍스트 전체에 걸쳐 이어짐 · {3}</translation>
    </message>
    <message>
        <source>The sequence window&apos;s inputs are not characters of the text (they were edited), so no character of the text is in it.</source>
        <translation>시퀀스 창의 입력이 텍스트의 글자가 아니므로 (편집되었습니다) 텍스트의 어떤 글자도 창 안에 있지 않습니다.</translation>
    </message>
    <message>
        <source>Character {0} lies outside the sequence window (characters {1}–{2}): double-click it to move the window there.</source>
        <translation>{0}번째 글자는 시퀀스 창 ({1}–{2}번째 글자) 밖에 있습니다. 더블클릭하면 창이 그곳으로 옮겨 갑니다.</translation>
    </message>
    <message>
        <source>Move the sequence window to character {0}</source>
        <translation>시퀀스 창을 {0}번째 글자로 옮기기</translation>
    </message>
    <message>
        <source>“{0}” (character {1}) · {2}: {3}</source>
        <translation>“{0}” ({1}번째 글자) · {2}: {3}</translation>
    </message>
    <message>
        <source>t = {0} of the sequence window</source>
        <translation>시퀀스 창의 시점 t = {0}</translation>
    </message>
    <message>
        <source>Units whose {0} is on on “{1}” and off around it (score: mean on the span − mean over {2} characters on each side); underlined: {3} other places where the best {4} are all on. Click a row to select the unit.</source>
        <translation>“{1}”에서 {0} 값이 켜지고 주변에서는 꺼지는 유닛 (점수: 구간 평균 − 양쪽 {2}글자의 평균). 밑줄: 상위 {4}개 유닛이 모두 켜지는 다른 곳 {3}군데. 행을 클릭하면 그 유닛이 선택됩니다.</translation>
    </message>
    <message>
        <source>Text view of a unit</source>
        <translation>유닛의 텍스트 보기</translation>
    </message>
</context>
<context>
    <name>TimePanel</name>
    <message>
        <source>Hover a plot to read exact values; click or drag to move the time step; double-click to undo zooming.</source>
        <translation>그래프 위에 마우스를 올리면 정확한 값이 보이고, 클릭하거나 끌면 시점이 옮겨지며, 두 번 클릭하면 확대가 풀립니다.</translation>
    </message>
    <message>
        <source>Exact values under the mouse pointer</source>
        <translation>마우스 포인터 아래의 정확한 값</translation>
    </message>
    <message>
        <source>own predictions from here</source>
        <translation>여기부터 자기 예측</translation>
    </message>
</context>
<context>
    <name>TimePlot</name>
    <message>
        <source>time step t</source>
        <translation>시점 t</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>t = {0}, unit {1}: {2} = {3}</source>
        <translation>t = {0}, 유닛 {1}: {2} = {3}</translation>
    </message>
    <message>
        <source>t = {0}: {1}</source>
        <translation>t = {0}: {1}</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <source>Guided tour</source>
        <translation>둘러보기</translation>
    </message>
    <message>
        <source>What this part of the window shows</source>
        <translation>창의 이 부분이 보여 주는 것</translation>
    </message>
    <message>
        <source>Page of the tour</source>
        <translation>둘러보기 쪽수</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 이전(&amp;B)</translation>
    </message>
    <message>
        <source>Previous page of the tour</source>
        <translation>둘러보기의 이전 쪽</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>다음(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>Next page of the tour</source>
        <translation>둘러보기의 다음 쪽</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>End the tour</source>
        <translation>둘러보기를 마칩니다</translation>
    </message>
    <message>
        <source>Welcome to LSTM Studio</source>
        <translation>LSTM Studio에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>&lt;p&gt;LSTM Studio runs a small recurrent network on a short input sequence and shows every number it computes: the gates, the cell state and hidden state, the output, the loss and the gradients of backpropagation through time.&lt;/p&gt;&lt;p&gt;The demo session is the course notes&apos; example: the word that decides the last blank came at the very start of the sentence. Step through time and watch whether the network still remembers it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;LSTM Studio는 짧은 입력 시퀀스에 작은 순환 신경망을 실행하고 계산하는 모든 숫자를 보여 줍니다: 게이트, 셀 상태와 은닉 상태, 출력, 손실, 그리고 시간에 따른 역전파의 기울기.&lt;/p&gt;&lt;p&gt;데모 세션은 강의 노트의 예입니다: 마지막 빈칸을 결정하는 단어가 문장의 맨 처음에 나왔습니다. 시점을 하나씩 넘기며 신경망이 그 단어를 아직 기억하는지 살펴보세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Network toolbar</source>
        <translation>신경망 도구 모음</translation>
    </message>
    <message>
        <source>&lt;p&gt;At the top: the kind of network (vanilla RNN, LSTM, peephole LSTM, GRU), its sizes, the number of layers and whether it is bidirectional. The layer and direction chosen there are the ones the panels show. Switching back to a kind gives back the weights it had in this session.&lt;/p&gt;</source>
        <translation>&lt;p&gt;위쪽: 신경망의 종류(바닐라 RNN, LSTM, 핍홀 LSTM, GRU), 크기, 층 수, 양방향 여부. 여기서 고른 층과 방향을 패널이 보여 줍니다. 어떤 종류로 다시 바꾸면 이 세션에서 그 종류가 가졌던 가중치가 되돌아옵니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>&lt;p&gt;At the bottom: step through the time steps one by one, play them as an animation, or drag the slider. In &lt;i&gt;reveal&lt;/i&gt; mode the panels show the steps up to t only — the gradient panel the steps from t to the end, which backpropagation, running back from the loss, has reached at t; in &lt;i&gt;whole&lt;/i&gt; mode they show the whole sequence with a cursor at t.&lt;/p&gt;</source>
        <translation>&lt;p&gt;아래쪽: 시점을 하나씩 넘기거나, 애니메이션으로 재생하거나, 슬라이더를 끕니다. &lt;i&gt;드러내기&lt;/i&gt; 방식에서는 패널이 t까지의 시점만 보여 주고 — 기울기 패널은 손실에서 거슬러 오는 역전파가 t에서 이미 닿은 시점, 곧 t부터 끝까지를 보여 줍니다 —, &lt;i&gt;전체&lt;/i&gt; 방식에서는 시퀀스 전체를 t 위치의 커서와 함께 보여 줍니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Gates over time</source>
        <translation>시간에 따른 게이트</translation>
    </message>
    <message>
        <source>&lt;p&gt;One heatmap per gate: units down, time steps across. Sigmoid gates (f, i, o, r, z) lie between 0 (closed: nothing passes) and 1 (open: everything passes); tanh values (g, n) lie between −1 and 1 and carry the strength and sign of a value. Click a cell to select its unit and time step.&lt;/p&gt;</source>
        <translation>&lt;p&gt;게이트마다 히트맵 하나: 세로는 유닛, 가로는 시점. 시그모이드 게이트(f, i, o, r, z)는 0(닫힘: 아무것도 통과하지 않음)과 1(열림: 모두 통과) 사이에 있고, tanh 값(g, n)은 −1과 1 사이에서 값의 세기와 부호를 전달합니다. 칸을 클릭하면 그 유닛과 시점이 선택됩니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>States h and c</source>
        <translation>상태 h와 c</translation>
    </message>
    <message>
        <source>&lt;p&gt;The hidden state h (short-term state) and, for LSTMs, the cell state c (long-term state) of the selected layer over time. A forget gate near 1 keeps c; near 0 it wipes the past.&lt;/p&gt;</source>
        <translation>&lt;p&gt;선택한 층의 은닉 상태 h(단기 상태)와, LSTM이라면 셀 상태 c(장기 상태)의 시간에 따른 변화. 삭제 게이트가 1에 가까우면 c를 간직하고, 0에 가까우면 과거를 지웁니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cell diagram</source>
        <translation>셀 다이어그램</translation>
    </message>
    <message>
        <source>&lt;p&gt;One cell at the current time step with the numbers flowing through it. The cell state passes from step to step through only an element-wise multiply (by f) and an add (of i ⊙ g).&lt;/p&gt;</source>
        <translation>&lt;p&gt;현재 시점의 셀 하나와 그 안을 흐르는 숫자. 셀 상태는 요소별 곱(f를 곱함)과 덧셈(i ⊙ g를 더함)만 거쳐 다음 시점으로 넘어갑니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Gradient flow (BPTT)</source>
        <translation>기울기 흐름 (BPTT)</translation>
    </message>
    <message>
        <source>&lt;p&gt;How large the gradient of the loss is with respect to each time step&apos;s state. In a vanilla RNN it shrinks (vanishing gradient) or grows (exploding gradient) as it travels back; along an LSTM&apos;s cell state it survives far longer. Truncation and clipping of BPTT change what you see here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;각 시점의 상태에 대한 손실의 기울기가 얼마나 큰지. 바닐라 RNN에서는 거꾸로 흘러가면서 줄어들거나(기울기 소실) 커지고(기울기 폭주), LSTM의 셀 상태를 따라서는 훨씬 오래 살아남습니다. BPTT의 잘라내기와 클리핑이 여기 보이는 것을 바꿉니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Output and loss</source>
        <translation>출력과 손실</translation>
    </message>
    <message>
        <source>&lt;p&gt;The network&apos;s prediction ŷ&lt;sub&gt;t&lt;/sub&gt; = W&lt;sub&gt;y&lt;/sub&gt; h&lt;sub&gt;t&lt;/sub&gt; + b&lt;sub&gt;y&lt;/sub&gt; (the read-out), the targets y&lt;sub&gt;t&lt;/sub&gt; and the loss of each time step. With &lt;i&gt;own predictions from t =&lt;/i&gt; in its header ticked, the network continues the sequence alone: from that step on its input is its own previous prediction (marked in every time plot).&lt;/p&gt;</source>
        <translation>&lt;p&gt;신경망의 예측(출력) ŷ&lt;sub&gt;t&lt;/sub&gt; = W&lt;sub&gt;y&lt;/sub&gt; h&lt;sub&gt;t&lt;/sub&gt; + b&lt;sub&gt;y&lt;/sub&gt;(출력층), 정답 y&lt;sub&gt;t&lt;/sub&gt;, 그리고 각 시점의 손실. 머리글의 &lt;i&gt;자기 예측 입력 시작 t =&lt;/i&gt;를 켜면 신경망이 혼자 시퀀스를 이어 갑니다: 그 시점부터 입력은 자신의 직전 예측입니다(모든 시간 그래프에 표시됨).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Inputs and targets</source>
        <translation>입력과 목표값</translation>
    </message>
    <message>
        <source>&lt;p&gt;Type values, draw a sequence with the mouse, or fill a channel with a generator (step, impulse, sine, noise, one-hot text). The targets tab also chooses the loss (mean squared error or cross-entropy) and the steps where it applies.&lt;/p&gt;</source>
        <translation>&lt;p&gt;값을 입력하거나, 마우스로 시퀀스를 그리거나, 생성기(계단, 임펄스, 사인, 잡음, 원-핫 텍스트)로 채널을 채우세요. 목표값 탭에서는 손실(평균 제곱 오차 또는 교차 엔트로피)과 손실을 계산할 시점도 고릅니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every weight matrix, split by gate: select a weight and drag its slider, and every panel follows at once. The Lessons menu builds the course notes&apos; experiments, each with its claim, what to look at and a verdict that follows your edits.&lt;/p&gt;</source>
        <translation>&lt;p&gt;게이트별로 나눈 모든 가중치 행렬: 가중치를 선택하고 슬라이더를 끌면 모든 패널이 곧바로 따라 바뀝니다. 실습 메뉴는 강의 노트의 실험을 만들어 주며, 실험마다 주장, 살펴볼 것, 그리고 편집에 따라 바뀌는 판정이 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>실습</translation>
    </message>
    <message>
        <source>&lt;p&gt;The Lessons menu (and the Lesson panel, Ctrl+L) holds every claim of the course, chapter by chapter: each lesson builds a session that shows it, says which panel to look at and what to see there, and measures the numbers that carry the claim. Edit anything and the verdict follows (“holds” or “no longer holds”); Back and Next step through a lesson, Reset lesson builds it again. File ▸ Examples opens the demo or any lesson as a fresh session.&lt;/p&gt;</source>
        <translation>&lt;p&gt;실습 메뉴(와 실습 패널, Ctrl+L)에는 강의의 모든 주장이 장별로 들어 있습니다: 실습마다 그 주장을 보여 주는 세션을 만들고, 어느 패널에서 무엇을 볼지 알려 주며, 주장을 뒷받침하는 숫자를 측정합니다. 무엇이든 편집하면 판정(“성립” 또는 “더 이상 성립하지 않음”)이 따라 바뀝니다. 이전과 다음으로 실습의 단계를 오가고, 실습 초기화로 실습을 다시 만듭니다. 파일 ▸ 예제는 데모나 아무 실습을 새 세션으로 엽니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>&lt;p&gt;Pick a task, press Start (F5) and watch the loss fall while the panels follow the weights as the network learns. The learning rate, gradient clipping and truncated BPTT are set here; clipping and truncation are the very ones the gradient panel computes with, and every setting is saved with the session.&lt;/p&gt;</source>
        <translation>&lt;p&gt;과제를 고르고 시작(F5)을 누른 뒤 손실이 줄어드는 것을 지켜보세요. 신경망이 학습하는 동안 패널이 가중치를 따라 바뀝니다. 학습률, 기울기 클리핑, 잘린 BPTT도 여기서 정합니다. 클리핑과 잘라내기는 기울기 흐름 패널이 계산에 쓰는 바로 그 설정이며, 모든 설정은 세션과 함께 저장됩니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Compare RNN / LSTM / GRU</source>
        <translation>RNN / LSTM / GRU 비교</translation>
    </message>
    <message>
        <source>&lt;p&gt;Train a vanilla RNN, an LSTM and a GRU side by side on the same task and see how far back their gradients reach. The view says how the three are initialised and lets you give the LSTM&apos;s forget gate a bias of 1. Its Length sweep tab trains all three at growing sequence lengths and plots their held-out accuracy against the length: on the temporal order task the vanilla RNN falls to chance first.&lt;/p&gt;</source>
        <translation>&lt;p&gt;바닐라 RNN, LSTM, GRU를 같은 과제로 나란히 학습시키고 기울기가 얼마나 먼 과거까지 닿는지 봅니다. 세 신경망을 어떻게 초기화했는지 보여 주고, LSTM 삭제 게이트의 편향을 1로 줄 수 있습니다. 길이 스윕 탭은 세 신경망을 점점 긴 시퀀스로 학습시키고 따로 둔 시퀀스에 대한 정확도를 길이에 따라 그립니다: 시간 순서 과제에서는 바닐라 RNN이 가장 먼저 우연 수준으로 떨어집니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Learn more</source>
        <translation>더 알아보기</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every edit can be undone (Edit ▸ Undo, or the History tab). Help ▸ Equations shows the exact formulas the app computes; Help ▸ Keyboard shortcuts lists the keys. View ▸ Theme and View ▸ Language change the look and the language.&lt;/p&gt;</source>
        <translation>&lt;p&gt;모든 편집은 취소할 수 있습니다(편집 ▸ 실행 취소, 또는 편집 기록 탭). 도움말 ▸ 수식은 앱이 계산하는 정확한 식을, 도움말 ▸ 단축키는 키 목록을 보여 줍니다. 보기 ▸ 테마와 보기 ▸ 언어로 모양과 언어를 바꿉니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <source>Current sequence (the panels)</source>
        <translation>현재 시퀀스 (패널에 보이는 것)</translation>
    </message>
    <message>
        <source>Adding problem</source>
        <translation>덧셈 문제</translation>
    </message>
    <message>
        <source>Copy (memory) task</source>
        <translation>복사 (기억) 과제</translation>
    </message>
    <message>
        <source>Temporal order</source>
        <translation>시간 순서</translation>
    </message>
    <message>
        <source>Long-term dependency (&quot;Moscow&quot;)</source>
        <translation>장기 의존성 (&quot;모스크바&quot;)</translation>
    </message>
    <message>
        <source>Next-character prediction</source>
        <translation>다음 글자 예측</translation>
    </message>
    <message>
        <source>Sine-wave continuation</source>
        <translation>사인파 이어 가기</translation>
    </message>
    <message>
        <source>Fit the network to the sequence and targets shown in the panels.</source>
        <translation>패널에 보이는 시퀀스와 목표값에 신경망을 맞춥니다.</translation>
    </message>
    <message>
        <source>Output the sum of the two marked values at the last step.</source>
        <translation>표시된 두 값의 합을 마지막 시점에 출력합니다.</translation>
    </message>
    <message>
        <source>Recall the first symbols after a delay, when the &apos;go&apos; marker asks.</source>
        <translation>얼마간 지난 뒤 &apos;go&apos; 표시가 나오면 처음 기호들을 떠올립니다.</translation>
    </message>
    <message>
        <source>Say in which order X and Y appeared among distractors.</source>
        <translation>방해 기호들 사이에서 X와 Y가 어떤 순서로 나왔는지 말합니다.</translation>
    </message>
    <message>
        <source>Answer at the last step which symbol the first step showed.</source>
        <translation>첫 시점에 어떤 기호가 나왔는지 마지막 시점에 답합니다.</translation>
    </message>
    <message>
        <source>Predict the next character of your text; then write new text.</source>
        <translation>입력한 텍스트의 다음 글자를 예측하고, 그다음 새 텍스트를 씁니다.</translation>
    </message>
    <message>
        <source>Predict the next value of a sine wave of unknown phase and period.</source>
        <translation>위상과 주기를 모르는 사인파의 다음 값을 예측합니다.</translation>
    </message>
    <message>
        <source>Train the network on a task and watch the loss and the gradient norm; the panels follow the weights while it learns.</source>
        <translation>과제로 신경망을 학습시키며 손실과 기울기 노름를 지켜봅니다. 학습하는 동안 패널이 가중치를 따라 바뀝니다.</translation>
    </message>
    <message>
        <source>Steps done in this session, loss, accuracy and gradient norm of the last training batch</source>
        <translation>이 세션에서 진행한 단계 수, 마지막 학습 배치의 손실, 정확도, 기울기 노름</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>과제</translation>
    </message>
    <message>
        <source>What the network learns. Choosing a task sets up the session: kind, sizes, one example sequence for the panels, loss and training settings (undoable).</source>
        <translation>신경망이 학습할 것. 과제를 고르면 세션이 준비됩니다: 종류, 크기, 패널에 보일 예시 시퀀스 하나, 손실과 학습 설정 (취소 가능).</translation>
    </message>
    <message>
        <source>Type or paste the text to learn</source>
        <translation>학습할 텍스트를 입력하거나 붙여 넣으세요</translation>
    </message>
    <message>
        <source>The text the next-character task learns from (its characters are the vocabulary)</source>
        <translation>다음 글자 예측 과제가 학습할 텍스트 (그 글자들이 어휘가 됩니다)</translation>
    </message>
    <message>
        <source>Use this text</source>
        <translation>이 텍스트 사용</translation>
    </message>
    <message>
        <source>Set up the next-character task on this text (a new network; undoable)</source>
        <translation>이 텍스트로 다음 글자 예측 과제를 준비합니다 (새 신경망, 취소 가능)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Start training (F5); resumes a paused run</source>
        <translation>학습을 시작합니다 (F5). 일시 정지한 실행을 이어 갑니다</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Pause after the current step (F6)</source>
        <translation>현재 단계가 끝나면 일시 정지합니다 (F6)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>End the run now, keeping the weights of the last finished step; the whole run is one undo step (Shift+F5)</source>
        <translation>지금 실행을 마치고 마지막으로 끝난 단계의 가중치를 남깁니다. 실행 전체가 한 번에 취소됩니다 (Shift+F5)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 단계</translation>
    </message>
    <message>
        <source>Train on exactly one batch (F10)</source>
        <translation>배치 하나로만 학습합니다 (F10)</translation>
    </message>
    <message>
        <source>Loss and global gradient norm (before clipping) of every training batch, log scale</source>
        <translation>학습 배치마다의 손실과 전체 기울기 노름(클리핑 전), 로그 눈금</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>gradient norm ‖∇L‖</source>
        <translation>기울기 노름 ‖∇L‖</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>학습 단계</translation>
    </message>
    <message>
        <source>Task refused</source>
        <translation>과제가 거부되었습니다</translation>
    </message>
    <message>
        <source>Set up task: {0}</source>
        <translation>과제 준비: {0}</translation>
    </message>
    <message>
        <source>The first {0} of {1} characters: the task learns all of them. File ▸ Open Data… opens another text.</source>
        <translation>{1}자 가운데 처음 {0}자입니다. 학습은 전체 글자로 합니다. 다른 글은 파일 ▸ 데이터 열기…로 엽니다.</translation>
    </message>
    <message>
        <source>loss: training, ● validation</source>
        <translation>손실: 학습, ● 검증</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>중지하는 중…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>training</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>{0} · step {1} · loss {2} · accuracy {3} % · ‖∇L‖ {4}</source>
        <translation>{0} · 단계 {1} · 손실 {2} · 정확도 {3} % · ‖∇L‖ {4}</translation>
    </message>
    <message>
        <source> · validation loss {0} (step {1})</source>
        <translation> · 검증 손실 {0} (학습 단계 {1})</translation>
    </message>
    <message>
        <source>{0} · not trained yet</source>
        <translation>{0} · 아직 학습 안 함</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>이어 하기</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>학습할 수 없습니다</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message numerus="yes">
        <source>Train %n step(s)</source>
        <translation>
            <numerusform>%n단계 학습</numerusform>
        </translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>학습이 중지되었습니다</translation>
    </message>
</context>
<context>
    <name>TrainingFeature</name>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>&amp;Start / Resume</source>
        <translation>시작 / 이어 하기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>중지(&amp;T)</translation>
    </message>
    <message>
        <source>Step &amp;one batch</source>
        <translation>배치 하나 학습(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Experiments</source>
        <translation>실험(&amp;E)</translation>
    </message>
    <message>
        <source>Training &amp;dock</source>
        <translation>학습 패널(&amp;D)</translation>
    </message>
    <message>
        <source>Show or hide the training dock</source>
        <translation>학습 패널을 보이거나 숨깁니다</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Playback</source>
        <translation>재생 도구 모음</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>첫 시점</translation>
    </message>
    <message>
        <source>Go to the first time step (Home)</source>
        <translation>첫 시점으로 갑니다 (Home)</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>한 시점 뒤로</translation>
    </message>
    <message>
        <source>One time step back (Left)</source>
        <translation>한 시점 뒤로 갑니다 (왼쪽 화살표)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Play or pause: one time step after another, stopping at the last (Space)</source>
        <translation>재생 또는 일시 정지: 시점을 하나씩 차례로 넘기고 마지막에서 멈춥니다 (Space)</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>한 시점 앞으로</translation>
    </message>
    <message>
        <source>One time step forward (Right)</source>
        <translation>한 시점 앞으로 갑니다 (오른쪽 화살표)</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>마지막 시점</translation>
    </message>
    <message>
        <source>Go to the last time step (End)</source>
        <translation>마지막 시점으로 갑니다 (End)</translation>
    </message>
    <message>
        <source>Time step t (1 to T): drag to move through the sequence</source>
        <translation>시점 t (1부터 T까지): 끌어서 시퀀스를 이동합니다</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 시점/초</translation>
    </message>
    <message>
        <source>Playback speed in time steps per second</source>
        <translation>재생 속도 (초당 시점 수)</translation>
    </message>
    <message>
        <source>Reveal up to t</source>
        <translation>t까지 드러내기</translation>
    </message>
    <message>
        <source>Panels show only the steps up to the cursor, as the network has seen them</source>
        <translation>신경망이 본 만큼, 커서까지의 시점만 패널에 보입니다</translation>
    </message>
    <message>
        <source>Whole sequence</source>
        <translation>전체 시퀀스</translation>
    </message>
    <message>
        <source>Panels show every step; the cursor marks the current step t</source>
        <translation>패널에 모든 시점이 보이고, 커서가 현재 시점 t를 표시합니다</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
</context>
<context>
    <name>UnitExamples</name>
    <message>
        <source>Nested brackets: a unit that counts the depth</source>
        <translation>중첩된 괄호: 깊이를 세는 유닛</translation>
    </message>
    <message>
        <source>the bracket depth</source>
        <translation>괄호의 깊이</translation>
    </message>
    <message>
        <source>Quoted strings: a unit that knows it is inside quotes</source>
        <translation>따옴표 문자열: 따옴표 안에 있는지 아는 유닛</translation>
    </message>
    <message>
        <source>being inside a quoted string</source>
        <translation>따옴표 안에 있는지 여부</translation>
    </message>
    <message>
        <source>Lines of varying length: a unit that tracks the position in the line</source>
        <translation>길이가 다른 줄: 줄 안의 위치를 따라가는 유닛</translation>
    </message>
    <message>
        <source>the position in the line</source>
        <translation>줄 안의 위치</translation>
    </message>
    <message>
        <source>Simple sums: a unit that knows the result is being written</source>
        <translation>간단한 덧셈: 결과를 쓰는 중임을 아는 유닛</translation>
    </message>
    <message>
        <source>the part after the equals sign</source>
        <translation>등호 뒤 부분</translation>
    </message>
    <message>
        <source>Texts that grow interpretable units</source>
        <translation>해석할 수 있는 유닛이 자라는 텍스트</translation>
    </message>
    <message>
        <source>Generate the text, train an LSTM on it for {0} steps (in the background) and show the unit that tracks its structure in the text view</source>
        <translation>텍스트를 만들고 그 위에서 LSTM을 {0}단계 학습한 뒤 (백그라운드에서) 그 구조를 따라가는 유닛을 텍스트 보기에 보여 줍니다</translation>
    </message>
    <message>
        <source>Training an LSTM on “{0}”…</source>
        <translation>“{0}”에서 LSTM 학습 중…</translation>
    </message>
    <message>
        <source>Training… step {0} of {1}</source>
        <translation>학습 중… {1}단계 중 {0}단계</translation>
    </message>
    <message>
        <source>Found after training: unit {0}&apos;s {1} follows {2} with a correlation of {3} over the whole text.</source>
        <translation>학습 후 찾은 유닛: 유닛 {0}의 {1} 값이 텍스트 전체에서 {2}을(를) 상관계수 {3}로 따라갑니다.</translation>
    </message>
    <message>
        <source>Cannot open the example</source>
        <translation>예제를 열 수 없습니다</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>ViewBox options</source>
        <translation>보기 영역 옵션</translation>
    </message>
    <message>
        <source>View All</source>
        <translation>전체 보기</translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation>마우스 방식</translation>
    </message>
    <message>
        <source>3 button</source>
        <translation>3버튼</translation>
    </message>
    <message>
        <source>1 button</source>
        <translation>1버튼</translation>
    </message>
</context>
<context>
    <name>WeightEditor</name>
    <message>
        <source>The result would leave the allowed range ±1e6: nothing was changed.</source>
        <translation>결과가 허용 범위 ±1e6을 벗어납니다: 아무것도 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>The weights of one matrix, split by gate: click a cell to select a weight.</source>
        <translation>게이트별로 나눈 행렬 하나의 가중치: 칸을 클릭하여 가중치를 선택합니다.</translation>
    </message>
    <message>
        <source>Layer of the matrix.</source>
        <translation>행렬의 층.</translation>
    </message>
    <message>
        <source>Direction of the matrix (bidirectional networks).</source>
        <translation>행렬의 방향 (양방향 신경망).</translation>
    </message>
    <message>
        <source>W_i…: input weights, W_h…: recurrent weights, b_…: biases, w_c…: peepholes, W_y/b_y: read-out; the letter is the gate.</source>
        <translation>W_i…: 입력 가중치, W_h…: 순환 가중치, b_…: 편향, w_c…: 핍홀, W_y/b_y: 출력층. 끝 글자는 게이트입니다.</translation>
    </message>
    <message>
        <source>Heatmap of the matrix (rows: units, columns: inputs), colour scale ±max|w|. Click a cell to select it; the mouse wheel changes the weight under the pointer.</source>
        <translation>행렬의 히트맵(행: 유닛, 열: 입력), 색 범위 ±max|w|. 칸을 클릭하면 선택되고, 마우스 휠로 포인터 아래의 가중치를 바꿉니다.</translation>
    </message>
    <message>
        <source>The selected weight.</source>
        <translation>선택한 가중치.</translation>
    </message>
    <message>
        <source>Value of the selected weight: type a number and press Enter.</source>
        <translation>선택한 가중치의 값: 숫자를 입력하고 Enter를 누르세요.</translation>
    </message>
    <message>
        <source>Drag to change the selected weight; every panel follows live.</source>
        <translation>끌어서 선택한 가중치를 바꿉니다. 모든 패널이 바로 따라 바뀝니다.</translation>
    </message>
    <message>
        <source>The range of the slider.</source>
        <translation>슬라이더의 범위.</translation>
    </message>
    <message>
        <source>Factor to scale the whole matrix by.</source>
        <translation>행렬 전체에 곱할 배율.</translation>
    </message>
    <message>
        <source>PyTorch default</source>
        <translation>PyTorch 기본값</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>Orthogonal</source>
        <translation>직교</translation>
    </message>
    <message>
        <source>Initialisation scheme of the engine.</source>
        <translation>엔진의 초기화 방식.</translation>
    </message>
    <message>
        <source>Seed of the initialisation.</source>
        <translation>초기화의 시드.</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>시드 </translation>
    </message>
    <message>
        <source>Bias of the gate: b_i = value, b_h = 0 (negative shuts a sigmoid gate, positive opens it).</source>
        <translation>게이트의 편향: b_i = 값, b_h = 0 (음수면 시그모이드 게이트가 닫히고, 양수면 열립니다).</translation>
    </message>
    <message>
        <source>bias </source>
        <translation>편향 </translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>배율 적용</translation>
    </message>
    <message>
        <source>Multiply the whole matrix by the factor.</source>
        <translation>행렬 전체에 배율을 곱합니다.</translation>
    </message>
    <message>
        <source>Zero</source>
        <translation>0으로</translation>
    </message>
    <message>
        <source>Set the whole matrix to zero.</source>
        <translation>행렬 전체를 0으로 설정합니다.</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>단위 행렬</translation>
    </message>
    <message>
        <source>Set a square recurrent block to the identity.</source>
        <translation>정사각 순환 블록을 단위 행렬로 설정합니다.</translation>
    </message>
    <message>
        <source>Re-initialise</source>
        <translation>다시 초기화</translation>
    </message>
    <message>
        <source>Draw the matrix afresh with the chosen scheme and seed.</source>
        <translation>선택한 방식과 시드로 행렬을 새로 뽑습니다.</translation>
    </message>
    <message>
        <source>Set gate bias</source>
        <translation>게이트 편향 설정</translation>
    </message>
    <message>
        <source>Set this gate&apos;s bias in this layer: b_i = value, b_h = 0.</source>
        <translation>이 층에서 이 게이트의 편향을 설정합니다: b_i = 값, b_h = 0.</translation>
    </message>
    <message>
        <source>Why the last edit was refused.</source>
        <translation>마지막 편집이 거부된 이유.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>행렬</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>층 {0}</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>순방향</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>역방향</translation>
    </message>
    <message>
        <source>output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>unit of h_t</source>
        <translation>h_t의 유닛</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>embedding dimension</source>
        <translation>임베딩 차원</translation>
    </message>
    <message>
        <source>unit of h_{t−1}</source>
        <translation>h_{t−1}의 유닛</translation>
    </message>
    <message>
        <source>{0}[{1}, {2}] =</source>
        <translation>{0}[{1}, {2}] =</translation>
    </message>
    <message>
        <source>Set {0}[{1}, {2}]</source>
        <translation>{0}[{1}, {2}] 설정</translation>
    </message>
    <message>
        <source>Scale {0}</source>
        <translation>{0} 배율 적용</translation>
    </message>
    <message>
        <source>Zero {0}</source>
        <translation>{0}을(를) 0으로</translation>
    </message>
    <message>
        <source>Identity {0}</source>
        <translation>{0} 단위 행렬</translation>
    </message>
    <message>
        <source>Re-initialise {0}</source>
        <translation>{0} 다시 초기화</translation>
    </message>
    <message>
        <source>Choose a matrix of a gate first.</source>
        <translation>먼저 게이트의 행렬을 고르세요.</translation>
    </message>
    <message>
        <source>Set bias of gate {0}</source>
        <translation>게이트 {0}의 편향 설정</translation>
    </message>
</context>
</TS>
