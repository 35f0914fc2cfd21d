<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>Alpha</name>
    <message>
        <source>Finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Unfinished with text</source>
        <translation type="unfinished">미완성</translation>
    </message>
    <message>
        <source>Unfinished empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vanished</source>
        <translation type="vanished">사라짐</translation>
    </message>
    <message>
        <source>Obsolete</source>
        <translation type="obsolete">폐기</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>verb</comment>
        <translation>열기</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>adjective</comment>
        <translation>열린</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Close</source>
        <comment>window</comment>
        <translation>창 닫기</translation>
    </message>
    <message>
        <source>Entities &amp; &lt;tags&gt; &quot;quotes&quot; &apos;apos&apos;</source>
        <translation>개체 &amp; &lt;태그&gt; &quot;따옴표&quot;</translation>
    </message>
    <message>
        <source>Emoji 😀 and Σ</source>
        <translation>이모지 😀 그리고 Σ</translation>
    </message>
    <message>
        <source>Two
lines</source>
        <translation>두
줄</translation>
    </message>
    <message>
        <source>Tab<byte value="x9"/>here</source>
        <translation>탭<byte value="x9"/>여기</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Long text</source>
        <translation variants="yes">
            <lengthvariant>아주 긴 텍스트</lengthvariant>
            <lengthvariant>긴</lengthvariant>
        </translation>
    </message>
    <message>
        <source>  spaced  </source>
        <translation>  띄어  </translation>
    </message>
    <message>
        <source>Finished but empty</source>
        <translation></translation>
    </message>
    <message>
        <source>No translation element</source>
    </message>
    <message numerus="yes">
        <source>%n too many form(s)</source>
        <translation>
            <numerusform>%n 하나</numerusform>
            <numerusform>%n 둘</numerusform>
            <numerusform>%n 셋</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second only</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform>%n 둘째만</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n first only</source>
        <translation type="unfinished">
            <numerusform>%n 첫째만</numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source></source>
        <translation>빈 원문</translation>
    </message>
</context>
<context>
    <name></name>
    <message>
        <source>No context</source>
        <comment>note</comment>
        <translation>문맥 없음</translation>
    </message>
</context>
<context>
    <name>Beta</name>
    <message>
        <source>Finished</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>Same text</source>
        <comment>first</comment>
        <translation>첫째</translation>
    </message>
    <message>
        <source>Same text</source>
        <comment>second</comment>
        <translation>둘째</translation>
    </message>
    <message>
        <source>Ünïcödé context source</source>
        <translation>유니코드</translation>
    </message>
</context>
</TS>
