import { describe, expect, it } from 'vitest';
import { convertVelocity, credentialMarker, placeholderText, successTemplateNames } from './velocity.js';

describe('convertVelocity', () => {
  it('turns ${input.x}, $input.x, $!{input.x} and $!input.x into trigger.body references', () => {
    const out = convertVelocity('a ${input.a} b $input.b c $!{input.c} d $!input.d', 'text');
    expect(out.text).toBe(
      'a {{ trigger.body.a }} b {{ trigger.body.b }} c {{ trigger.body.c }} d {{ trigger.body.d }}',
    );
    expect(out.placeholders).toEqual([]);
  });

  it('follows property chains and back-quotes names JSONata would not read bare', () => {
    expect(convertVelocity('${input.customer.first-name}', 'text').text).toBe(
      '{{ trigger.body.customer.`first-name` }}',
    );
  });

  it('keeps plain text, a lone $ and # that is not a directive', () => {
    const src = '{"price": "$5", "color": "#fff", "n": "#1", "mail": "a@b.c"}';
    expect(convertVelocity(src, 'text').text).toBe(src);
  });

  it('unescapes \\$ and \\#', () => {
    expect(convertVelocity('cost \\$input.x \\#if', 'text').text).toBe('cost $input.x #if');
  });

  it('converts $esc.jsonString around an input reference to a plain reference (JSON bodies are escaped as JSON)', () => {
    expect(convertVelocity('{"a":"$esc.jsonString(${input.note})"}', 'text').text).toBe(
      '{"a":"{{ trigger.body.note }}"}',
    );
    expect(convertVelocity('$esc.jsonString($input.note)', 'text').text).toBe('{{ trigger.body.note }}');
  });

  it('converts $esc.url to a plain reference in a URL (Flowdesk encodes it) and to $encodeUrlComponent in text', () => {
    expect(convertVelocity('/users?q=$esc.url(${input.q})', 'url').text).toBe('/users?q={{ trigger.body.q }}');
    expect(convertVelocity('q=$esc.url($input.q)', 'text').text).toBe('q={{ $encodeUrlComponent(trigger.body.q) }}');
  });

  it('turns ${input.rawRequest} into the whole trigger body and says so', () => {
    const out = convertVelocity('${input.rawRequest}', 'text');
    expect(out.text).toBe('{{ trigger.body }}');
    expect(out.rawRequest).toBe(true);
  });

  it('reports ${credentials.x} with a marker the importer replaces', () => {
    const out = convertVelocity('Bearer ${credentials.token}', 'text');
    expect(out.credentials).toEqual(['token']);
    expect(out.text).toBe(`Bearer ${credentialMarker('token')}`);
  });

  it('replaces a whole #if … #end block (nested #foreach included) with one numbered placeholder', () => {
    const src = '{"a": 1#if($input.b), "b": [#foreach($x in $input.b)"$x"#end]#end}';
    const out = convertVelocity(src, 'text');
    expect(out.text).toBe(`{"a": 1${placeholderText(1)}}`);
    expect(out.placeholders).toEqual([{ index: 1, source: src.slice(7, -1) }]);
  });

  it('replaces #set, #{else}, macros calls and stray #end with placeholders, each listed', () => {
    const out = convertVelocity('#set($x = 1)A#macro(m $a)x#end B #m(1) C', 'text');
    expect(out.text).toBe(`${placeholderText(1)}A${placeholderText(2)} B ${placeholderText(3)} C`);
    expect(out.placeholders.map((p) => p.source)).toEqual(['#set($x = 1)', '#macro(m $a)x#end', '#m(1)']);
  });

  it('replaces references it cannot say ($math, $date, method calls, indexes, other variables)', () => {
    const out = convertVelocity(
      '$math.add(1,2) $date ${input.name.toUpperCase()} $input.list[0] $esc.html($input.x)',
      'text',
    );
    expect(out.placeholders.map((p) => p.source)).toEqual([
      '$math.add(1,2)',
      '$date',
      '${input.name.toUpperCase()}',
      '$input.list[0]',
      '$esc.html($input.x)',
    ]);
    expect(out.text).toBe([1, 2, 3, 4, 5].map(placeholderText).join(' '));
  });

  it('drops ## and #* *# comments and keeps #[[ ]]# text unparsed', () => {
    expect(convertVelocity('a## note\nb#* block *#c#[[${input.x}]]#', 'text').text).toBe('a\nbc${input.x}');
  });
});

describe('successTemplateNames', () => {
  it('lists the variables of a template that only references them', () => {
    expect(successTemplateNames('{"state": ${state}, "id": "$id"}')).toEqual(['state', 'id']);
    expect(successTemplateNames('${rawResult}')).toEqual(['rawResult']);
  });
  it('gives undefined when the template holds directives or calls', () => {
    expect(successTemplateNames('#if($a)x#end')).toBeUndefined();
    expect(successTemplateNames('$successTemplateUtils.firstFromArray("${ids}")')).toBeUndefined();
  });
});
